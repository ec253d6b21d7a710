/* argenv — what the guest sees at start-up: argv, the environment (the
 * harness runs every test under `env -i` with a few fixed variables), and the
 * auxiliary vector. Only facts that do not depend on where or how the program
 * was loaded are printed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "common.h"

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

int main(int argc, char **argv, char **envp)
{
    printf("argc %d\n", argc);
    printf("argv[0] basename %s\n", base(argv[0]));
    for (int i = 1; i < argc; i++) printf("argv[%d] [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is NULL %d\n", argv[argc] == NULL);

    int n = 0;
    for (char **e = envp; *e; e++) {
        n++;
        if (!strncmp(*e, "GUEST_", 6)) printf("env %s\n", *e);
    }
    printf("envp entries %d, environ is envp %d\n", n, environ == envp);
    const char *v = getenv("GUEST_TEST_VAR");
    printf("getenv GUEST_TEST_VAR [%s]\n", v ? v : "(unset)");
    v = getenv("GUEST_SURELY_UNSET");
    printf("getenv GUEST_SURELY_UNSET %s\n", v ? v : "(unset)");
    setenv("GUEST_NEW", "added", 1);
    printf("after setenv: [%s]\n", getenv("GUEST_NEW"));

    /* auxiliary vector */
    printf("AT_PAGESZ %lu, sysconf page size agrees %d\n", getauxval(AT_PAGESZ),
           (long)getauxval(AT_PAGESZ) == sysconf(_SC_PAGESIZE));
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    int nonzero = 0;
    for (int i = 0; rnd && i < 16; i++) nonzero |= rnd[i];
    printf("AT_RANDOM non-null %d, 16 bytes not all zero %d\n", rnd != NULL, nonzero != 0);
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN basename %s\n", execfn ? base(execfn) : "(none)");
    printf("AT_PHDR set %d, AT_PHENT %lu-ok %d, AT_PHNUM > 0 %d, AT_ENTRY set %d\n",
           getauxval(AT_PHDR) != 0, getauxval(AT_PHENT), getauxval(AT_PHENT) == 56,
           getauxval(AT_PHNUM) > 0, getauxval(AT_ENTRY) != 0);
    printf("AT_UID/EUID/GID/EGID match %d %d %d %d, AT_SECURE %lu, AT_CLKTCK %lu\n",
           getauxval(AT_UID) == getuid(), getauxval(AT_EUID) == geteuid(),
           getauxval(AT_GID) == getgid(), getauxval(AT_EGID) == getegid(), getauxval(AT_SECURE),
           getauxval(AT_CLKTCK));

    /* /proc/self describes the program, not whatever runs it */
    char buf[4096];
    ssize_t len = readlink("/proc/self/exe", buf, sizeof buf - 1);
    buf[len < 0 ? 0 : len] = 0;
    printf("/proc/self/exe basename %s\n", base(buf));
    int fd = open("/proc/self/cmdline", O_RDONLY);
    len = fd < 0 ? -1 : read(fd, buf, sizeof buf);
    if (fd >= 0) close(fd);
    printf("/proc/self/cmdline:");
    for (ssize_t i = (ssize_t)strlen(buf) + 1; i < len; i += (ssize_t)strlen(buf + i) + 1)
        printf(" [%s]", buf + i);
    printf(" (argv[0] basename %s)\n", len > 0 ? base(buf) : "?");
    return argc;   /* the exit status carries argc too */
}
