/* showargs.c — a guest program for tests/binfmt/run.sh: prints what a program
 * started through binfmt_misc sees of its own start, one fact a line, so the
 * script can grep for each: its argv, AT_SECURE and AT_FLAGS (tern gives the
 * guest the kernel's AT_SECURE and its own AT_FLAGS of 0), the effective uid
 * (the C flag runs a setuid program with its owner's), what /proc/self/exe
 * names, the lowest free descriptor (an AT_EXECFD tern used must not stay
 * open), and the machine uname reports.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    printf("secure=%lu\n", getauxval(AT_SECURE));
    printf("flags=%lu\n", getauxval(AT_FLAGS));
    printf("euid=%u\n", (unsigned)geteuid());
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n >= 0) {
        buf[n] = 0;
        printf("exe=%s\n", buf);
    } else {
        printf("exe=(none)\n");
    }
    int fd = open("/dev/null", O_RDONLY);
    printf("firstfd=%d\n", fd);
    struct utsname u;
    if (uname(&u) == 0)
        printf("machine=%s\n", u.machine);
    return 0;
}
