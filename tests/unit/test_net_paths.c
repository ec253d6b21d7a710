/* test_net_paths.c — AF_UNIX socket names under the -L sysroot
 * (syscalls/net.c, "AF_UNIX names and -L"): bind, connect, sendto, sendmsg
 * and sendmmsg reach the sysroot's socket when the sysroot has the name, the
 * host's when it does not; a name too long for sun_path once prefixed goes
 * through /proc/self/fd and leaves no descriptor behind; abstract and
 * relative names, other families and unowned addresses are left alone.
 *
 * Each test builds its own tern_proc for the riscv64 guest (guest memory from
 * the guest's mmap, so proc->mm records it) and a scratch directory that
 * plays the sysroot, removed afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "frontends/riscv64/riscv64.h"
#include "runner/cpu.h"
#include "runner/mm.h"
#include "runner/tern.h"
#include "syscalls/sc.h"
#include "syscalls/syscall.h"

#define PG GUEST_PAGE_SIZE

struct env {
    struct tern_proc *p;
    struct cpu *cpu;
    char root[64];     /* the sysroot */
    char host[64];     /* a directory outside it */
};

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof *e);
    e->p = calloc(1, sizeof *e->p);
    e->cpu = calloc(1, sizeof *e->cpu);
    if (!e || !e->p || !e->cpu)
        return -1;
    e->p->arch = arch_by_machine(EM_RISCV);
    if (!e->p->arch)
        return -1;
    e->p->model = &e->p->arch->models[0];
    mm_init(&e->p->mm, e->p->arch->task_size, e->p->arch->mmap_base);
    e->cpu->proc = e->p;
    strcpy(e->root, "/tmp/tern_netpaths_root.XXXXXX");
    strcpy(e->host, "/tmp/tern_netpaths_host.XXXXXX");
    if (!mkdtemp(e->root) || !mkdtemp(e->host))
        return -1;
    e->p->opts.sysroot = e->root;
    *state = e;
    return 0;
}

static void rm_tree(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static int teardown(void **state)
{
    struct env *e = *state;
    struct guest_mm *mm = &e->p->mm;
    for (size_t i = 0; i < mm->nvmas; i++)
        munmap((void *)(uintptr_t)mm->vmas[i].start, mm->vmas[i].end - mm->vmas[i].start);
    free(mm->vmas);
    rm_tree(e->root);
    rm_tree(e->host);
    free(e->p);
    free(e->cpu);
    free(e);
    return 0;
}

static long gsc(struct env *e, const char *name, uint64_t a0, uint64_t a1, uint64_t a2,
                uint64_t a3, uint64_t a4, uint64_t a5)
{
    const struct syscall_table *t = &riscv64_syscall_table;
    int nr = -1;
    for (int i = 0; i < t->count; i++)
        if (t->defs[i].name && strcmp(t->defs[i].name, name) == 0)
            nr = i;
    assert_true(nr >= 0);
    const struct guest_arch *arch = e->p->arch;
    uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
    e->cpu->gpr[arch->sc_nr_reg] = (uint64_t)nr;
    for (int i = 0; i < 6; i++)
        e->cpu->gpr[arch->sc_arg_reg[i]] = a[i];
    guest_syscall(e->cpu);
    return (long)e->cpu->gpr[arch->sc_ret_reg];
}
#define GSC(e, name, ...) gsc_va(e, name, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define gsc_va(e, name, a0, a1, a2, a3, a4, a5, ...) \
    gsc(e, name, (uint64_t)(a0), (uint64_t)(a1), (uint64_t)(a2), (uint64_t)(a3), \
        (uint64_t)(a4), (uint64_t)(a5))

static uint64_t galloc(struct env *e, uint64_t len)
{
    long r = GSC(e, "mmap", 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(r > 0);
    return (uint64_t)r;
}

/* a listening stream socket bound (by the host, i.e. not through tern) at path */
static int host_listener(const char *path)
{
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    assert_true(strlen(path) < sizeof sa.sun_path);
    strcpy(sa.sun_path, path);
    assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(s, 4), 0);
    return s;
}

/* a datagram socket bound by the host at path */
static int host_dgram(const char *path)
{
    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    strcpy(sa.sun_path, path);
    assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
    return s;
}

/* writes a sockaddr_un for name into guest memory at g; returns its length */
static uint64_t guest_sun(uint64_t g, const char *name, size_t name_len)
{
    struct sockaddr_un *sa = (struct sockaddr_un *)(uintptr_t)g;
    memset(sa, 0, sizeof *sa);
    sa->sun_family = AF_UNIX;
    memcpy(sa->sun_path, name, name_len);
    return offsetof(struct sockaddr_un, sun_path) + name_len;
}

/* the descriptor count of this process */
static int open_fds(void)
{
    int n = 0;
    for (int fd = 0; fd < 1024; fd++)
        if (fcntl(fd, F_GETFD) >= 0)
            n++;
    return n;
}

static void test_connect(void **state)
{
    struct env *e = *state;
    uint64_t mem = galloc(e, PG);
    char path[PATH_MAX];

    /* the sysroot has /srv.sock: connect("/srv.sock") reaches it */
    snprintf(path, sizeof path, "%s/srv.sock", e->root);
    int lst = host_listener(path);
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    uint64_t len = guest_sun(mem, "/srv.sock", 10);
    assert_int_equal(GSC(e, "connect", c, mem, len), 0);
    int peer = accept(lst, NULL, NULL);
    assert_true(peer >= 0);
    close(peer);
    close(c);
    /* the guest's address is unchanged */
    assert_string_equal(((struct sockaddr_un *)(uintptr_t)mem)->sun_path, "/srv.sock");

    /* a name the sysroot lacks is the host's */
    snprintf(path, sizeof path, "%s/host.sock", e->host);
    int hl = host_listener(path);
    c = socket(AF_UNIX, SOCK_STREAM, 0);
    len = guest_sun(mem, path, strlen(path) + 1);
    assert_int_equal(GSC(e, "connect", c, mem, len), 0);
    close(c);
    /* ... also without a NUL: the name fills the length given */
    c = socket(AF_UNIX, SOCK_STREAM, 0);
    len = guest_sun(mem, path, strlen(path));
    assert_int_equal(GSC(e, "connect", c, mem, len), 0);
    close(c);

    /* without -L nothing is looked up */
    e->p->opts.sysroot = NULL;
    c = socket(AF_UNIX, SOCK_STREAM, 0);
    len = guest_sun(mem, "/srv.sock", 10);
    assert_int_equal(GSC(e, "connect", c, mem, len), -ENOENT);
    close(c);
    e->p->opts.sysroot = e->root;

    /* relative names are the cwd's, abstract names are no file names */
    c = socket(AF_UNIX, SOCK_STREAM, 0);
    len = guest_sun(mem, "srv.sock", 9);
    assert_int_equal(GSC(e, "connect", c, mem, len), -ENOENT);
    len = guest_sun(mem, "\0/srv.sock", 10);
    assert_int_equal(GSC(e, "connect", c, mem, len), -ECONNREFUSED);
    /* bad lengths and addresses keep the kernel's answers */
    len = guest_sun(mem, "/srv.sock", 10);
    assert_int_equal(GSC(e, "connect", c, mem, 111), -EINVAL);
    assert_int_equal(GSC(e, "connect", c, mem, 2), -EINVAL);
    assert_int_equal(GSC(e, "connect", c, mem + PG - 4, len), -EFAULT);
    assert_int_equal(GSC(e, "connect", 9999, mem, len), -EBADF);
    close(c);
    close(lst);
    close(hl);
}

static void test_long_name(void **state)
{
    struct env *e = *state;
    uint64_t mem = galloc(e, PG);
    /* a guest name of 80 bytes that no longer fits sun_path with the
     * sysroot in front once the sysroot's copy is deeper */
    char rel[128], path[PATH_MAX + 256], dir[PATH_MAX];
    snprintf(rel, sizeof rel, "/%s/%s", "dddddddddddddddddddddddddddddddddddddddd",
             "s.sock");
    snprintf(dir, sizeof dir, "%s/dddddddddddddddddddddddddddddddddddddddd", e->root);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s%s", e->root, rel);
    /* the host cannot bind that name directly either: bind in the directory */
    assert_int_equal(chdir(dir), 0);
    int lst = host_listener("s.sock");
    assert_int_equal(chdir("/"), 0);
    /* lengthen the sysroot's own name with a symlink chain: the prefixed
     * name is over 108 bytes */
    char longroot[PATH_MAX];
    snprintf(longroot, sizeof longroot,
             "%s/../%s/../%s/../%s", e->root, strrchr(e->root, '/') + 1,
             strrchr(e->root, '/') + 1, strrchr(e->root, '/') + 1);
    snprintf(path, sizeof path, "%s%s", longroot, rel);
    assert_true(strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path));
    e->p->opts.sysroot = longroot;

    int before = open_fds();
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    uint64_t len = guest_sun(mem, rel, strlen(rel) + 1);
    assert_int_equal(GSC(e, "connect", c, mem, len), 0);
    int peer = accept(lst, NULL, NULL);
    assert_true(peer >= 0);
    close(peer);
    close(c);
    assert_int_equal(open_fds(), before);   /* the O_PATH descriptor is closed */
    /* binding that name again: it exists (EADDRINUSE, as natively) */
    c = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(GSC(e, "bind", c, mem, len), -EADDRINUSE);
    close(c);
    assert_int_equal(open_fds(), before);
    e->p->opts.sysroot = e->root;
    close(lst);
}

static void test_bind_send(void **state)
{
    struct env *e = *state;
    uint64_t mem = galloc(e, PG);
    char path[PATH_MAX];

    /* bind of a new name creates it on the host (the sysroot lacks it) */
    snprintf(path, sizeof path, "%s/new.sock", e->host);
    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    uint64_t len = guest_sun(mem, path, strlen(path) + 1);
    assert_int_equal(GSC(e, "bind", s, mem, len), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISSOCK(st.st_mode));
    close(s);
    /* bind of a name the sysroot has: that one is taken */
    snprintf(path, sizeof path, "%s/dg.sock", e->root);
    int d = host_dgram(path);
    s = socket(AF_UNIX, SOCK_DGRAM, 0);
    len = guest_sun(mem, "/dg.sock", 9);
    assert_int_equal(GSC(e, "bind", s, mem, len), -EADDRINUSE);

    /* sendto("/dg.sock") reaches the sysroot's */
    uint64_t data = mem + 512;
    memcpy((void *)(uintptr_t)data, "one", 3);
    assert_int_equal(GSC(e, "sendto", s, data, 3, 0, mem, len), 3);
    char got[8] = { 0 };
    assert_int_equal(recv(d, got, sizeof got, MSG_DONTWAIT), 3);
    assert_string_equal(got, "one");

    /* sendmsg with msg_name */
    uint64_t iov = mem + 600, msg = mem + 700;
    struct iovec *v = (struct iovec *)(uintptr_t)iov;
    v->iov_base = (void *)(uintptr_t)data;
    v->iov_len = 3;
    memcpy((void *)(uintptr_t)data, "two", 3);
    struct msghdr *m = (struct msghdr *)(uintptr_t)msg;
    memset(m, 0, sizeof *m);
    m->msg_name = (void *)(uintptr_t)mem;
    m->msg_namelen = (socklen_t)len;
    m->msg_iov = v;
    m->msg_iovlen = 1;
    assert_int_equal(GSC(e, "sendmsg", s, msg, 0), 3);
    memset(got, 0, sizeof got);
    assert_int_equal(recv(d, got, sizeof got, MSG_DONTWAIT), 3);
    assert_string_equal(got, "two");
    assert_int_equal(m->msg_namelen, (socklen_t)len);   /* not written back */

    /* sendmmsg: two messages to it */
    struct mmsghdr *mm = (struct mmsghdr *)(uintptr_t)(mem + 800);
    memset(mm, 0, 2 * sizeof *mm);
    for (int i = 0; i < 2; i++) {
        mm[i].msg_hdr.msg_name = (void *)(uintptr_t)mem;
        mm[i].msg_hdr.msg_namelen = (socklen_t)len;
        mm[i].msg_hdr.msg_iov = v;
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    assert_int_equal(GSC(e, "sendmmsg", s, mem + 800, 2, 0), 2);
    assert_int_equal(recv(d, got, sizeof got, MSG_DONTWAIT), 3);
    assert_int_equal(recv(d, got, sizeof got, MSG_DONTWAIT), 3);
    assert_int_equal(mm[0].msg_len, 3);

    /* a name neither has: ENOENT from the host's lookup */
    len = guest_sun(mem, "/none.sock", 11);
    assert_int_equal(GSC(e, "sendto", s, data, 3, 0, mem, len), -ENOENT);
    close(s);
    close(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_connect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bind_send, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
