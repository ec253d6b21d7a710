/* id_creds.c — credentials through the raw syscalls: the set*id family
 * (as root: changing the effective ids and back, and what a non-root
 * effective uid may no longer do), setfsuid/setfsgid, getgroups/setgroups
 * (counts, sorting, EINVAL for a short buffer or a huge count, EFAULT), and
 * capget/capset (header version negotiation, the v1 and v3 layouts, EFAULT,
 * EINVAL for a bad pid). Run as root and as not root the program prints the
 * same lines in both worlds only where the kernel answers the same; its
 * output is compared with the native build run by the same user.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common.h"

#define BAD_PTR 16L

/* linux/capability.h (musl's headers have no linux/ directory) */
struct __user_cap_header_struct {
    unsigned version;
    int pid;
};
struct __user_cap_data_struct {
    unsigned effective, permitted, inheritable;
};
#define _LINUX_CAPABILITY_VERSION_1 0x19980330
#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_SETUID 7

static const char *err(long r)
{
    static char buf[32];
    if (r >= 0) {
        snprintf(buf, sizeof buf, "%ld", r);
        return buf;
    }
    switch (errno) {
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case ESRCH: return "ESRCH";
    default:
        snprintf(buf, sizeof buf, "errno %d", errno);
        return buf;
    }
}

static void ids(const char *what)
{
    unsigned r, e, s, gr, ge, gs;
    syscall(SYS_getresuid, &r, &e, &s);
    syscall(SYS_getresgid, &gr, &ge, &gs);
    printf("%s: uid %u %u %u gid %u %u %u\n", what, r, e, s, gr, ge, gs);
}

static void groups_test(int root)
{
    long n = syscall(SYS_getgroups, 0, 0);
    printf("getgroups count: %s\n", n >= 0 ? "ok" : err(n));
    unsigned saved[256];
    long got = syscall(SYS_getgroups, 256, saved);
    printf("getgroups: %s same %d\n", got >= 0 ? "ok" : err(got), got == n);
    printf("getgroups negative: %s\n", err(syscall(SYS_getgroups, -1, saved)));
    if (n > 0)
        printf("getgroups bad pointer: %s\n", err(syscall(SYS_getgroups, n, BAD_PTR)));

    unsigned g3[3] = { 70, 5, 300 };
    long r = syscall(SYS_setgroups, 3, g3);
    printf("setgroups 3: %s\n", err(r));
    if (r == 0) {
        unsigned out[8] = { 0 };
        long k = syscall(SYS_getgroups, 8, out);
        printf("getgroups: %ld:", k);
        for (long i = 0; i < k; i++)
            printf(" %u", out[i]);
        printf("\n");
        printf("getgroups short buffer: %s\n", err(syscall(SYS_getgroups, 2, out)));
        printf("getgroups exact buffer, bad pointer: %s\n",
               err(syscall(SYS_getgroups, 3, BAD_PTR)));
        printf("getgroups large count, small buffer: %ld\n",
               syscall(SYS_getgroups, 100000, out));
    }
    printf("setgroups bad pointer: %s\n", err(syscall(SYS_setgroups, 2, BAD_PTR)));
    printf("setgroups huge count: %s\n", err(syscall(SYS_setgroups, 70000, g3)));
    printf("setgroups negative: %s\n", err(syscall(SYS_setgroups, -1, g3)));
    if (root && got >= 0)
        printf("setgroups restore: %s\n", err(syscall(SYS_setgroups, got, saved)));
}

static void cap_test(void)
{
    struct __user_cap_header_struct h = { 0, 0 };
    struct __user_cap_data_struct d[2];
    /* an unknown version: the kernel says which it prefers */
    long r = syscall(SYS_capget, &h, 0);
    printf("capget v0 no data: %s version %#x\n", err(r), h.version);
    h.version = 0x12345678;
    r = syscall(SYS_capget, &h, d);
    printf("capget unknown version: %s version %#x\n", err(r), h.version);
    h.version = _LINUX_CAPABILITY_VERSION_3;
    h.pid = 0;
    memset(d, 0xee, sizeof d);
    r = syscall(SYS_capget, &h, d);
    printf("capget v3: %s setuid in effective %d permitted %d\n", err(r),
           (d[0].effective >> CAP_SETUID) & 1, (d[0].permitted >> CAP_SETUID) & 1);
    struct __user_cap_data_struct v3[2];
    memcpy(v3, d, sizeof v3);
    h.version = _LINUX_CAPABILITY_VERSION_1;
    memset(d, 0xee, sizeof d);
    r = syscall(SYS_capget, &h, d);
    printf("capget v1: %s same first word %d second untouched %d\n", err(r),
           d[0].effective == v3[0].effective, d[1].effective == 0xeeeeeeeeu);
    h.version = _LINUX_CAPABILITY_VERSION_3;
    printf("capget bad header: %s\n", err(syscall(SYS_capget, BAD_PTR, d)));
    printf("capget bad data: %s\n", err(syscall(SYS_capget, &h, BAD_PTR)));
    h.pid = -3;
    printf("capget negative pid: %s\n", err(syscall(SYS_capget, &h, d)));
    h.pid = 0;
    /* setting what we have changes nothing */
    printf("capset same: %s\n", err(syscall(SYS_capset, &h, v3)));
    printf("capset bad data: %s\n", err(syscall(SYS_capset, &h, BAD_PTR)));
    printf("capset bad header: %s\n", err(syscall(SYS_capset, BAD_PTR, v3)));
    h.version = 0;
    r = syscall(SYS_capset, &h, v3);
    printf("capset unknown version: %s version %#x\n", err(r), h.version);
}

int main(void)
{
    int root = geteuid() == 0;
    printf("root: %d\n", root);
    unsigned uid = getuid(), gid = getgid();

    /* changes to what is already there always work */
    printf("setresuid -1s: %s\n", err(syscall(SYS_setresuid, -1, -1, -1)));
    printf("setresgid -1s: %s\n", err(syscall(SYS_setresgid, -1, -1, -1)));
    printf("setuid self: %s\n", err(syscall(SYS_setuid, uid)));
    printf("setgid self: %s\n", err(syscall(SYS_setgid, gid)));
    printf("setreuid self: %s\n", err(syscall(SYS_setreuid, uid, -1)));
    printf("setregid self: %s\n", err(syscall(SYS_setregid, -1, gid)));
    printf("setfsuid query is euid: %d\n", syscall(SYS_setfsuid, -1) == (long)geteuid());
    printf("setfsgid query is egid: %d\n", syscall(SYS_setfsgid, -1) == (long)getegid());
    printf("getresuid bad pointer: %s\n", err(syscall(SYS_getresuid, BAD_PTR, BAD_PTR, BAD_PTR)));

    groups_test(root);
    cap_test();

    if (root) {
        /* effective gid and uid away from 0 and back (real and saved stay 0) */
        printf("setresgid egid 5: %s\n", err(syscall(SYS_setresgid, -1, 5, -1)));
        ids("after setresgid");
        printf("setfsgid 7 returns old 5: %d\n", syscall(SYS_setfsgid, 7) == 5);
        printf("setfsgid query 7: %d\n", syscall(SYS_setfsgid, -1) == 7);
        printf("setregid back: %s\n", err(syscall(SYS_setregid, -1, 0)));
        printf("setresuid euid 1000: %s\n", err(syscall(SYS_setresuid, -1, 1000, -1)));
        ids("after setresuid");
        printf("euid 1000: setgroups %s\n", err(syscall(SYS_setgroups, 0, 0)));
        printf("euid 1000: setgid 5 %s\n", err(syscall(SYS_setgid, 5)));
        struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
        struct __user_cap_data_struct d[2];
        syscall(SYS_capget, &h, d);
        printf("euid 1000: effective caps empty %d\n", d[0].effective == 0 && d[1].effective == 0);
        printf("setresuid back: %s\n", err(syscall(SYS_setresuid, -1, 0, -1)));
        syscall(SYS_capget, &h, d);
        printf("euid 0: setuid in effective %d\n", (d[0].effective >> CAP_SETUID) & 1);
        printf("setfsuid query 0: %d\n", syscall(SYS_setfsuid, -1) == 0);
        ids("restored");
    } else {
        printf("setuid 0: %s\n", err(syscall(SYS_setuid, 0)));
        printf("setgid 0: %s\n", err(syscall(SYS_setgid, 0)));
        printf("setresuid 0: %s\n", err(syscall(SYS_setresuid, 0, 0, 0)));
    }
    printf("failures: %d\n", check_failures);
    return check_failures != 0;
}
