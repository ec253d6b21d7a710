/* tty_pty.c — pseudo-terminals through ioctl: /dev/ptmx, TIOCGPTN/TIOCSPTLCK
 * (grantpt, unlockpt, ptsname), termios read back field by field after
 * tcsetattr (TCSETS/TCSETSW/TCSETSF) and through the raw TCGETS/TCGETS2
 * structs, data from master to slave with FIONREAD, window size round trip,
 * FIONBIO, FIOCLEX/FIONCLEX, TCFLSH, TIOCEXCL, TIOCGPTPEER, and the errors: a
 * bad termios pointer (EFAULT), a termios request on a pipe (ENOTTY before
 * EFAULT), a bad fd (EBADF), an unknown request (ENOTTY).
 * Prints nothing that depends on the pty number or timing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "common.h"

#define BAD_PTR ((void *)16)

/* the kernel's struct termios and termios2 (asm-generic/termbits.h): libc's
 * struct termios is its own, so these are spelled out */
struct k_termios {
    unsigned c_iflag, c_oflag, c_cflag, c_lflag;
    unsigned char c_line, c_cc[19];
};
struct k_termios2 {
    struct k_termios t;
    unsigned c_ispeed, c_ospeed;
};
#define K_TCGETS 0x5401
#define K_TCSETS 0x5402
#define K_TCGETS2 0x802c542a

static const char *err(long r)
{
    static char buf[32];
    if (r >= 0) {
        snprintf(buf, sizeof buf, "%ld", r);
        return buf;
    }
    switch (errno) {
    case EFAULT: return "EFAULT";
    case ENOTTY: return "ENOTTY";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EIO: return "EIO";
    case EAGAIN: return "EAGAIN";
    case EPERM: return "EPERM";
    default:
        snprintf(buf, sizeof buf, "errno %d", errno);
        return buf;
    }
}

/* waits until fd has n bytes to read (a pty hands data over asynchronously) */
static int wait_bytes(int fd, int n)
{
    int have = -1;
    for (int i = 0; i < 200; i++) {
        struct pollfd p = { fd, POLLIN, 0 };
        poll(&p, 1, 50);
        if (ioctl(fd, FIONREAD, &have) != 0)
            return -1;
        if (have >= n)
            break;
    }
    return have;
}

static void print_termios(const char *what, const struct termios *t)
{
    printf("%s: iflag %#o oflag %#o cflag %#o lflag %#o", what, (unsigned)t->c_iflag,
           (unsigned)t->c_oflag, (unsigned)t->c_cflag, (unsigned)t->c_lflag);
    printf(" cc");
    static const int idx[] = { VINTR, VQUIT, VERASE, VKILL, VEOF, VTIME, VMIN, VSTART,
                               VSTOP, VSUSP, VEOL, VREPRINT, VDISCARD, VWERASE,
                               VLNEXT, VEOL2 };
    for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++)
        printf(" %d", t->c_cc[idx[i]]);
    printf(" ospeed %u\n", (unsigned)cfgetospeed(t));
}

static void same_termios(const char *what, const struct termios *a, const struct termios *b)
{
    int ok = a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag &&
             a->c_cflag == b->c_cflag && a->c_lflag == b->c_lflag &&
             a->c_cc[VMIN] == b->c_cc[VMIN] && a->c_cc[VTIME] == b->c_cc[VTIME] &&
             a->c_cc[VINTR] == b->c_cc[VINTR] && a->c_cc[VEOF] == b->c_cc[VEOF];
    printf("%s read back: %s\n", what, ok ? "same" : "DIFFERENT");
    CHECK(ok);
}

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        printf("no /dev/ptmx\n");
        return 0;
    }
    unsigned ptn = 12345;
    printf("TIOCGPTN: %s\n", err(ioctl(m, TIOCGPTN, &ptn)));
    CHECK(ptn != 12345);
    printf("TIOCGPTN bad pointer: %s\n", err(ioctl(m, TIOCGPTN, BAD_PTR)));
    int lock = -1;
    printf("TIOCGPTLCK before unlock: %s", err(ioctl(m, TIOCGPTLCK, &lock)));
    printf(" locked %d\n", lock);
    int g = grantpt(m);
    int u = unlockpt(m);
    printf("grantpt: %d unlockpt: %d\n", g, u);
    printf("TIOCGPTLCK after unlock: %s", err(ioctl(m, TIOCGPTLCK, &lock)));
    printf(" locked %d\n", lock);
    const char *name = ptsname(m);
    char want[32];
    snprintf(want, sizeof want, "/dev/pts/%u", ptn);
    printf("ptsname matches TIOCGPTN: %d\n", name && strcmp(name, want) == 0);

    int s = open(name, O_RDWR | O_NOCTTY);
    printf("open slave: %d\n", s >= 0);
    if (s < 0)
        return 1;
    printf("isatty slave %d master %d\n", isatty(s), isatty(m));

    /* defaults of a fresh pty (the kernel's standard termios) */
    struct termios t0, t1, t2;
    printf("tcgetattr: %d\n", tcgetattr(s, &t0));
    print_termios("default", &t0);

    /* the raw structs agree with libc's view */
    struct k_termios kt;
    struct k_termios2 kt2;
    memset(&kt, 0xa5, sizeof kt);
    printf("TCGETS: %s\n", err(ioctl(s, K_TCGETS, &kt)));
    printf("TCGETS flags as tcgetattr: %d line %d VMIN %d VINTR %d\n",
           kt.c_iflag == t0.c_iflag && kt.c_oflag == t0.c_oflag &&
               kt.c_cflag == t0.c_cflag && kt.c_lflag == t0.c_lflag,
           kt.c_line, kt.c_cc[VMIN], kt.c_cc[VINTR]);
    printf("TCGETS2: %s", err(ioctl(s, K_TCGETS2, &kt2)));
    printf(" ispeed %u ospeed %u same flags %d\n", kt2.c_ispeed, kt2.c_ospeed,
           memcmp(&kt2.t, &kt, sizeof kt) == 0);

    /* raw mode, set three ways, read back field by field */
    t1 = t0;
    cfmakeraw(&t1);
    t1.c_cc[VMIN] = 1;
    t1.c_cc[VTIME] = 0;
    printf("tcsetattr TCSANOW: %d\n", tcsetattr(s, TCSANOW, &t1));
    printf("tcgetattr: %d\n", tcgetattr(s, &t2));
    print_termios("raw", &t2);
    same_termios("TCSANOW", &t1, &t2);
    t1.c_cc[VTIME] = 3;
    printf("tcsetattr TCSADRAIN: %d\n", tcsetattr(s, TCSADRAIN, &t1));
    tcgetattr(s, &t2);
    same_termios("TCSADRAIN", &t1, &t2);
    t1.c_cc[VTIME] = 0;
    t1.c_cc[VINTR] = 7;
    printf("tcsetattr TCSAFLUSH: %d\n", tcsetattr(s, TCSAFLUSH, &t1));
    tcgetattr(s, &t2);
    same_termios("TCSAFLUSH", &t1, &t2);
    printf("VINTR now %d\n", t2.c_cc[VINTR]);

    /* bad pointers and wrong files */
    printf("TCGETS bad pointer: %s\n", err(ioctl(s, K_TCGETS, BAD_PTR)));
    printf("TCSETS bad pointer: %s\n", err(ioctl(s, K_TCSETS, BAD_PTR)));
    int p[2];
    if (pipe(p) != 0)
        return 1;
    printf("TCGETS on a pipe: %s\n", err(ioctl(p[0], K_TCGETS, &kt)));
    printf("TCGETS on a pipe, bad pointer: %s\n", err(ioctl(p[0], K_TCGETS, BAD_PTR)));
    printf("TCGETS on a bad fd: %s\n", err(ioctl(999, K_TCGETS, &kt)));
    printf("unknown request on the slave: %s\n", err(ioctl(s, 0x54ff, 0)));
    printf("unknown request on a pipe: %s\n", err(ioctl(p[0], 0x12345678, 0)));
    printf("unknown request on a bad fd: %s\n", err(ioctl(999, 0x12345678, 0)));
    printf("tcgetattr on a pipe: %s\n", err(tcgetattr(p[0], &t2)));

    /* FIONREAD: a pipe, then master -> slave */
    int n = -1;
    if (write(p[1], "abc", 3) != 3)
        return 1;
    printf("FIONREAD pipe: %s", err(ioctl(p[0], FIONREAD, &n)));
    printf(" = %d\n", n);
    printf("FIONREAD bad pointer: %s\n", err(ioctl(p[0], FIONREAD, BAD_PTR)));
    printf("write master: %zd\n", write(m, "hello\n", 6));
    printf("FIONREAD slave: %d\n", wait_bytes(s, 6));
    char buf[64];
    ssize_t r = read(s, buf, sizeof buf);
    printf("read slave: %zd \"%.*s\"\n", r, (int)(r > 0 ? r - 1 : 0), buf);
    n = -1;
    printf("FIONREAD slave after read: %s", err(ioctl(s, FIONREAD, &n)));
    printf(" = %d\n", n);
    n = -1;
    printf("TIOCOUTQ slave: %s", err(ioctl(s, TIOCOUTQ, &n)));
    printf(" = %d\n", n);

    /* slave -> master (raw: no output processing) */
    printf("write slave: %zd\n", write(s, "x\ny", 3));
    printf("FIONREAD master: %d\n", wait_bytes(m, 3));
    r = read(m, buf, sizeof buf);
    printf("read master: %zd %s\n", r, r == 3 && memcmp(buf, "x\ny", 3) == 0 ? "same" : "other");

    /* TCFLSH drops pending input */
    printf("write master: %zd\n", write(m, "zz", 2));
    printf("FIONREAD slave: %d\n", wait_bytes(s, 2));
    printf("tcflush TCIFLUSH: %d\n", tcflush(s, TCIFLUSH));
    n = -1;
    ioctl(s, FIONREAD, &n);
    printf("FIONREAD after flush: %d\n", n);
    printf("tcdrain: %d", tcdrain(s));
    printf(" tcflow TCOOFF %d", tcflow(s, TCOOFF));
    printf(" TCOON %d\n", tcflow(s, TCOON));

    /* window size */
    struct winsize ws = { 24, 80, 640, 480 }, ws2;
    printf("TIOCSWINSZ master: %s\n", err(ioctl(m, TIOCSWINSZ, &ws)));
    memset(&ws2, 0, sizeof ws2);
    printf("TIOCGWINSZ slave: %s", err(ioctl(s, TIOCGWINSZ, &ws2)));
    printf(" %u x %u (%u x %u px)\n", ws2.ws_row, ws2.ws_col, ws2.ws_xpixel, ws2.ws_ypixel);
    printf("TIOCGWINSZ bad pointer: %s\n", err(ioctl(s, TIOCGWINSZ, BAD_PTR)));
    printf("TIOCSWINSZ bad pointer: %s\n", err(ioctl(s, TIOCSWINSZ, BAD_PTR)));
    printf("TIOCGWINSZ on a pipe: %s\n", err(ioctl(p[0], TIOCGWINSZ, &ws2)));

    /* FIONBIO */
    int on = 1;
    printf("FIONBIO on: %s", err(ioctl(s, FIONBIO, &on)));
    printf(" O_NONBLOCK %d\n", (fcntl(s, F_GETFL) & O_NONBLOCK) != 0);
    errno = 0;
    r = read(s, buf, sizeof buf);
    printf("read empty: %s\n", err(r));
    on = 0;
    printf("FIONBIO off: %s", err(ioctl(s, FIONBIO, &on)));
    printf(" O_NONBLOCK %d\n", (fcntl(s, F_GETFL) & O_NONBLOCK) != 0);
    printf("FIONBIO bad pointer: %s\n", err(ioctl(s, FIONBIO, BAD_PTR)));

    /* FIOCLEX / FIONCLEX */
    printf("FIOCLEX: %s", err(ioctl(s, FIOCLEX)));
    printf(" cloexec %d\n", fcntl(s, F_GETFD) & FD_CLOEXEC);
    printf("FIONCLEX: %s", err(ioctl(s, FIONCLEX)));
    printf(" cloexec %d\n", fcntl(s, F_GETFD) & FD_CLOEXEC);

    /* exclusive mode */
    int excl = -1;
    printf("TIOCEXCL: %s", err(ioctl(s, TIOCEXCL)));
    printf(" TIOCGEXCL %s", err(ioctl(s, TIOCGEXCL, &excl)));
    printf(" = %d\n", excl);
    printf("TIOCNXCL: %s", err(ioctl(s, TIOCNXCL)));
    printf(" TIOCGEXCL %s", err(ioctl(s, TIOCGEXCL, &excl)));
    printf(" = %d\n", excl);

    /* locked termios of a pty: nothing locked */
    struct k_termios lk;
    memset(&lk, 0xff, sizeof lk);
    printf("TIOCGLCKTRMIOS: %s", err(ioctl(s, TIOCGLCKTRMIOS, &lk)));
    printf(" cflag %#o lflag %#o\n", lk.c_cflag, lk.c_lflag);

    /* job control without a controlling terminal */
    pid_t pg = 0;
    printf("TIOCGPGRP (not our tty): %s\n", err(ioctl(s, TIOCGPGRP, &pg)));
    printf("TIOCGSID (not our tty): %s\n", err(ioctl(s, TIOCGSID, &pg)));
    printf("TIOCNOTTY (not our tty): %s\n", err(ioctl(s, TIOCNOTTY)));

    /* modem lines: a pty has none */
    int mline = 0;
    printf("TIOCMGET: %s\n", err(ioctl(s, TIOCMGET, &mline)));

    /* TIOCGPTPEER: a second slave fd from the master */
    int peer = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    printf("TIOCGPTPEER: %s", err(peer >= 0 ? 0 : -1));
    if (peer >= 0) {
        printf(" isatty %d cloexec %d", isatty(peer), fcntl(peer, F_GETFD) & FD_CLOEXEC);
        printf(" write %zd", write(peer, "q", 1));
        printf(" master sees %d", wait_bytes(m, 1));
        close(peer);
    }
    printf("\n");
    printf("TIOCGPTPEER on the slave: %s\n", err(ioctl(s, TIOCGPTPEER, O_RDWR)));

    /* locking the pty again keeps new opens out */
    int one = 1, zero = 0;
    printf("TIOCSPTLCK lock: %s", err(ioctl(m, TIOCSPTLCK, &one)));
    int s2 = open(name, O_RDWR | O_NOCTTY);
    printf(" open slave: %s\n", err(s2));
    if (s2 >= 0)
        close(s2);
    printf("TIOCSPTLCK unlock: %s\n", err(ioctl(m, TIOCSPTLCK, &zero)));
    printf("TIOCSPTLCK bad pointer: %s\n", err(ioctl(m, TIOCSPTLCK, BAD_PTR)));

    close(s);
    close(m);
    printf("failures: %d\n", check_failures);
    return check_failures != 0;
}
