/* ternhello — the program of the test package tests/userland builds with
 * dpkg-buildpackage inside the arm64 root (under tern): it says what machine
 * it was built for and runs on, and prints something computed, so the case
 * sees the installed program work. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>

static unsigned long fib(unsigned n)
{
    unsigned long a = 0, b = 1;
    while (n--) {
        unsigned long t = a + b;
        a = b;
        b = t;
    }
    return a;
}

int main(int argc, char **argv)
{
    struct utsname u;
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 10;
    if (uname(&u) != 0)
        return 1;
#if defined(__aarch64__)
    const char *built = "aarch64";
#elif defined(__x86_64__)
    const char *built = "x86_64";
#else
    const char *built = "other";
#endif
    printf("ternhello: built for %s, running on %s, fib(%u) = %lu\n", built, u.machine, n, fib(n));
    return 0;
}
