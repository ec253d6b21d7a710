/* id_prctl.c — prctl options tern passes on (name round trip and truncation,
 * parent-death signal, dumpable, keepcaps, child subreaper, timer slack,
 * THP, capability bounding set and ambient set, securebits, no_new_privs,
 * PR_GET_TID_ADDRESS, PR_SET_VMA anonymous names with every error), the
 * refusals (seccomp strict mode: refused with EINVAL, or on the native kernel
 * accepted — the program prints the same line either way; arch prctls of
 * other machines; unknown options), and personality (query, ADDR_NO_RANDOMIZE
 * round trip).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#define BAD_PTR 16UL

/* numbers that older or libc-provided headers may lack (linux/prctl.h) */
#ifndef PR_SET_VMA
#define PR_SET_VMA 0x53564d41
#define PR_SET_VMA_ANON_NAME 0
#endif
#define PR_SVE_GET_VL_ 51
#define PR_PAC_RESET_KEYS_ 54
#define PR_GET_TAGGED_ADDR_CTRL_ 56
#define PR_SME_GET_VL_ 64
#define PR_RISCV_V_GET_CONTROL_ 70

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
    case ENOMEM: return "ENOMEM";
    case EBADF: return "EBADF";
    case ENOSYS: return "ENOSYS";
    default:
        snprintf(buf, sizeof buf, "errno %d", errno);
        return buf;
    }
}

static long pr(long opt, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)
{
    return syscall(SYS_prctl, opt, a2, a3, a4, a5);
}

static void names(void)
{
    char name[32];
    memset(name, 'x', sizeof name);
    printf("PR_SET_NAME: %s\n", err(pr(PR_SET_NAME, (unsigned long)"id-prctl-a-long-name", 0, 0, 0)));
    printf("PR_GET_NAME: %s", err(pr(PR_GET_NAME, (unsigned long)name, 0, 0, 0)));
    printf(" \"%s\" byte16 %c\n", name, name[16]);
    printf("PR_SET_NAME short: %s", err(pr(PR_SET_NAME, (unsigned long)"idp", 0, 0, 0)));
    pr(PR_GET_NAME, (unsigned long)name, 0, 0, 0);
    printf(" \"%s\"\n", name);
    FILE *f = fopen("/proc/self/comm", "r");
    if (f) {
        char comm[32] = "";
        if (fgets(comm, sizeof comm, f))
            printf("/proc/self/comm: %s", comm);
        fclose(f);
    }
    printf("PR_SET_NAME bad pointer: %s\n", err(pr(PR_SET_NAME, BAD_PTR, 0, 0, 0)));
    printf("PR_GET_NAME bad pointer: %s\n", err(pr(PR_GET_NAME, BAD_PTR, 0, 0, 0)));
    /* a name that ends right before an unmapped page */
    char *pg = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(pg + 4096, 4096);
    memcpy(pg + 4096 - 4, "end", 4);
    printf("PR_SET_NAME at a page end: %s", err(pr(PR_SET_NAME, (unsigned long)(pg + 4092), 0, 0, 0)));
    pr(PR_GET_NAME, (unsigned long)name, 0, 0, 0);
    printf(" \"%s\"\n", name);
    memcpy(pg + 4096 - 4, "endx", 4);
    printf("PR_SET_NAME running off the page: %s\n",
           err(pr(PR_SET_NAME, (unsigned long)(pg + 4092), 0, 0, 0)));
    munmap(pg, 4096);
}

static void flags(void)
{
    int v = -1;
    printf("PR_SET_PDEATHSIG SIGUSR1: %s", err(pr(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0)));
    printf(" get %s", err(pr(PR_GET_PDEATHSIG, (unsigned long)&v, 0, 0, 0)));
    printf(" = %d\n", v);
    printf("PR_SET_PDEATHSIG 999: %s\n", err(pr(PR_SET_PDEATHSIG, 999, 0, 0, 0)));
    printf("PR_GET_PDEATHSIG bad pointer: %s\n", err(pr(PR_GET_PDEATHSIG, BAD_PTR, 0, 0, 0)));
    pr(PR_SET_PDEATHSIG, 0, 0, 0, 0);

    printf("PR_GET_DUMPABLE: %s\n", err(pr(PR_GET_DUMPABLE, 0, 0, 0, 0)));
    printf("PR_SET_DUMPABLE 0: %s", err(pr(PR_SET_DUMPABLE, 0, 0, 0, 0)));
    printf(" get %s\n", err(pr(PR_GET_DUMPABLE, 0, 0, 0, 0)));
    printf("PR_SET_DUMPABLE 7: %s\n", err(pr(PR_SET_DUMPABLE, 7, 0, 0, 0)));
    pr(PR_SET_DUMPABLE, 1, 0, 0, 0);

    printf("PR_SET_KEEPCAPS 1: %s", err(pr(PR_SET_KEEPCAPS, 1, 0, 0, 0)));
    printf(" get %s\n", err(pr(PR_GET_KEEPCAPS, 0, 0, 0, 0)));
    pr(PR_SET_KEEPCAPS, 0, 0, 0, 0);

    v = -1;
    printf("PR_SET_CHILD_SUBREAPER: %s", err(pr(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)));
    printf(" get %s", err(pr(PR_GET_CHILD_SUBREAPER, (unsigned long)&v, 0, 0, 0)));
    printf(" = %d\n", v);
    printf("PR_GET_CHILD_SUBREAPER bad pointer: %s\n",
           err(pr(PR_GET_CHILD_SUBREAPER, BAD_PTR, 0, 0, 0)));
    pr(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);

    printf("PR_SET_TIMERSLACK 123456: %s", err(pr(PR_SET_TIMERSLACK, 123456, 0, 0, 0)));
    printf(" get %s\n", err(pr(PR_GET_TIMERSLACK, 0, 0, 0, 0)));

    printf("PR_SET_THP_DISABLE: %s", err(pr(PR_SET_THP_DISABLE, 1, 0, 0, 0)));
    printf(" get %s", err(pr(PR_GET_THP_DISABLE, 0, 0, 0, 0)));
    pr(PR_SET_THP_DISABLE, 0, 0, 0, 0);
    printf(" after clear %s\n", err(pr(PR_GET_THP_DISABLE, 0, 0, 0, 0)));
    printf("PR_SET_THP_DISABLE stray argument: %s\n", err(pr(PR_SET_THP_DISABLE, 1, 1, 0, 0)));

    printf("PR_CAPBSET_READ CAP_CHOWN: %s\n", err(pr(PR_CAPBSET_READ, 0, 0, 0, 0)));
    printf("PR_CAPBSET_READ 999: %s\n", err(pr(PR_CAPBSET_READ, 999, 0, 0, 0)));
    printf("PR_CAP_AMBIENT IS_SET CAP_CHOWN: %s\n",
           err(pr(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 0, 0, 0)));
    printf("PR_CAP_AMBIENT bad op: %s\n", err(pr(PR_CAP_AMBIENT, 99, 0, 0, 0)));
    printf("PR_GET_SECUREBITS: %s\n", err(pr(PR_GET_SECUREBITS, 0, 0, 0, 0)));
    printf("PR_GET_TIMING: %s\n", err(pr(PR_GET_TIMING, 0, 0, 0, 0)));
    printf("PR_SET_TIMING 1: %s\n", err(pr(PR_SET_TIMING, 1, 0, 0, 0)));

    unsigned long tid_addr = 0;
    printf("PR_GET_TID_ADDRESS: %s", err(pr(PR_GET_TID_ADDRESS, (unsigned long)&tid_addr, 0, 0, 0)));
    printf(" set %d\n", tid_addr != 0);
    printf("PR_GET_TID_ADDRESS bad pointer: %s\n", err(pr(PR_GET_TID_ADDRESS, BAD_PTR, 0, 0, 0)));

    printf("PR_GET_NO_NEW_PRIVS: %s", err(pr(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)));
    printf(" set %s", err(pr(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)));
    printf(" get %s\n", err(pr(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)));
}

static int maps_has(const char *what)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return -1;
    char line[512];
    int found = 0;
    while (fgets(line, sizeof line, f))
        if (strstr(line, what))
            found = 1;
    fclose(f);
    return found;
}

static void vma_names(void)
{
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned long a = (unsigned long)p;
    long r = pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, a, 2 * 4096, (unsigned long)"id prctl test");
    printf("PR_SET_VMA: %s", err(r));
    if (r == 0)
        printf(" in maps %d", maps_has("[anon:id prctl test]"));
    printf("\n");
    if (r != 0 && errno == EINVAL) {
        printf("(no anonymous vma names)\n");   /* a kernel without them: every answer EINVAL */
        munmap(p, 3 * 4096);
        return;
    }
    printf("PR_SET_VMA clear: %s\n", err(pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, a, 4096, 0)));
    printf("PR_SET_VMA unaligned: %s\n",
           err(pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, a + 1, 4096, (unsigned long)"x")));
    printf("PR_SET_VMA bad name: %s\n",
           err(pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, a, 4096, BAD_PTR)));
    printf("PR_SET_VMA bad character: %s\n",
           err(pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, a, 4096, (unsigned long)"a[b")));
    char longname[100];
    memset(longname, 'n', sizeof longname);
    longname[80] = 0;
    printf("PR_SET_VMA 80-char name: %s\n",
           err(pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, a, 4096, (unsigned long)longname)));
    longname[79] = 0;
    printf("PR_SET_VMA 79-char name: %s\n",
           err(pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, a, 4096, (unsigned long)longname)));
    printf("PR_SET_VMA bad op: %s\n", err(pr(PR_SET_VMA, 5, a, 4096, (unsigned long)"x")));
    printf("PR_SET_VMA length 0: %s\n",
           err(pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, a, 0, (unsigned long)"x")));
    munmap(p + 2 * 4096, 4096);
    printf("PR_SET_VMA over a hole: %s\n",
           err(pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, a, 3 * 4096, (unsigned long)"x")));
    munmap(p, 2 * 4096);
    printf("PR_SET_VMA unmapped: %s\n",
           err(pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, a, 4096, (unsigned long)"x")));
}

static void refused(void)
{
    /* strict seccomp in a child: tern refuses it (a filter would see tern's
     * own syscalls), a native kernel accepts it and then allows only read,
     * write, exit and sigreturn; both ways the child writes one line and
     * exits through the plain exit syscall */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        long r = pr(PR_SET_SECCOMP, 1 /* SECCOMP_MODE_STRICT */, 0, 0, 0);
        static const char msg[] = "seccomp strict: accepted, or refused with EINVAL\n";
        if (r == 0 || errno == EINVAL)
            syscall(SYS_write, 1, msg, sizeof msg - 1);
        syscall(SYS_exit, 0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("seccomp child: exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));
    printf("PR_SET_SECCOMP bad mode: %s\n", err(pr(PR_SET_SECCOMP, 12345, 0, 0, 0)));

    /* the other architectures' own prctls: EINVAL on hardware without them */
    printf("PR_SVE_GET_VL: %s\n", err(pr(PR_SVE_GET_VL_, 0, 0, 0, 0)));
    printf("PR_SME_GET_VL: %s\n", err(pr(PR_SME_GET_VL_, 0, 0, 0, 0)));
    printf("PR_PAC_RESET_KEYS: %s\n", err(pr(PR_PAC_RESET_KEYS_, 0, 0, 0, 0)));
    printf("PR_GET_TAGGED_ADDR_CTRL: %s\n", err(pr(PR_GET_TAGGED_ADDR_CTRL_, 0, 0, 0, 0)));
    printf("PR_RISCV_V_GET_CONTROL: %s\n", err(pr(PR_RISCV_V_GET_CONTROL_, 0, 0, 0, 0)));
    printf("PR_GET_FPEXC: %s\n", err(pr(PR_GET_FPEXC, (unsigned long)&pid, 0, 0, 0)));
    printf("PR_GET_ENDIAN: %s\n", err(pr(PR_GET_ENDIAN, (unsigned long)&pid, 0, 0, 0)));
    printf("unknown option: %s\n", err(pr(0x7ffe, 0, 0, 0, 0)));
}

static void persona(void)
{
    long cur = syscall(SYS_personality, 0xffffffffUL);
    printf("personality query: %#lx\n", cur);
    printf("personality ADDR_NO_RANDOMIZE: old %#lx", syscall(SYS_personality, cur | ADDR_NO_RANDOMIZE));
    printf(" now %#lx", syscall(SYS_personality, 0xffffffffUL));
    printf(" back: old %#lx", syscall(SYS_personality, cur));
    printf(" now %#lx\n", syscall(SYS_personality, 0xffffffffUL));
}

int main(void)
{
    names();
    flags();
    vma_names();
    refused();
    persona();
    printf("failures: %d\n", check_failures);
    return check_failures != 0;
}
