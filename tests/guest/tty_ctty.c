/* tty_ctty.c — job-control ioctls on a controlling terminal (in a child that
 * starts its own session): TIOCSCTTY, TIOCGSID, TIOCGPGRP/TIOCSPGRP and their
 * errors, /dev/tty, TIOCNOTTY; pty packet mode (TIOCPKT/TIOCGPKT); and the
 * ioctls of other files: FIONREAD/FIOQSIZE/FIGETBSZ on a regular file,
 * FIOASYNC on a pipe, and on a UDP socket FIONREAD, TIOCOUTQ,
 * FIOSETOWN/FIOGETOWN, SIOCGSTAMP and the interface requests on lo
 * (SIOCGIFINDEX, SIOCGIFNAME, SIOCGIFFLAGS, SIOCGIFMTU, SIOCGIFCONF).
 * Prints nothing that depends on pids, pty numbers or the host's interfaces
 * beyond lo.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "common.h"

#define BAD_PTR ((void *)16)
#ifndef SIOCGSTAMP
#define SIOCGSTAMP 0x8906   /* linux/sockios.h, which musl's headers lack */
#endif

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
    case EPERM: return "EPERM";
    case ESRCH: return "ESRCH";
    case ENXIO: return "ENXIO";
    case ENOENT: return "ENOENT";
    case ENODEV: return "ENODEV";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default:
        snprintf(buf, sizeof buf, "errno %d", errno);
        return buf;
    }
}

static int open_pty(int *slave)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) || unlockpt(m))
        return -1;
    *slave = open(ptsname(m), O_RDWR | O_NOCTTY);
    return *slave < 0 ? -1 : m;
}

/* the child: a new session takes the pty as its controlling terminal */
static int ctty_child(void)
{
    int s, m = open_pty(&s);
    if (m < 0)
        return 2;
    pid_t parent_pgrp = getpgid(getppid());
    printf("setsid: %d\n", setsid() > 0);
    pid_t v = 0;
    printf("TIOCGSID before TIOCSCTTY: %s\n", err(ioctl(s, TIOCGSID, &v)));
    int fd = open("/dev/tty", O_RDWR);
    printf("open /dev/tty without one: %s\n", err(fd));
    int p[2];
    if (pipe(p))
        return 2;
    printf("TIOCSCTTY on a pipe: %s\n", err(ioctl(p[0], TIOCSCTTY, 0)));
    printf("TIOCSCTTY: %s\n", err(ioctl(s, TIOCSCTTY, 0)));
    v = 0;
    printf("TIOCGSID: %s", err(ioctl(s, TIOCGSID, &v)));
    printf(" is our session %d\n", v == getsid(0));
    v = 0;
    printf("TIOCGSID on the master: %s\n", err(ioctl(m, TIOCGSID, &v)));
    printf("TIOCGSID bad pointer: %s\n", err(ioctl(s, TIOCGSID, BAD_PTR)));
    v = 0;
    printf("TIOCGPGRP: %s", err(ioctl(s, TIOCGPGRP, &v)));
    printf(" is our group %d\n", v == getpgrp());
    printf("TIOCGPGRP bad pointer: %s\n", err(ioctl(s, TIOCGPGRP, BAD_PTR)));
    printf("tcgetpgrp is our group: %d\n", tcgetpgrp(s) == getpgrp());
    v = getpgrp();
    printf("TIOCSPGRP own group: %s\n", err(ioctl(s, TIOCSPGRP, &v)));
    printf("TIOCSPGRP bad pointer: %s\n", err(ioctl(s, TIOCSPGRP, BAD_PTR)));
    v = -5;
    printf("TIOCSPGRP negative: %s\n", err(ioctl(s, TIOCSPGRP, &v)));
    v = parent_pgrp;
    printf("TIOCSPGRP other session: %s\n", err(ioctl(s, TIOCSPGRP, &v)));
    fd = open("/dev/tty", O_RDWR);
    printf("open /dev/tty: %d\n", fd >= 0);
    if (fd >= 0) {
        printf("/dev/tty isatty %d\n", isatty(fd));
        close(fd);
    }
    /* TIOCSTI pushes input into our own terminal */
    char c = 'k';
    long r = ioctl(s, TIOCSTI, &c);
    printf("TIOCSTI: %s", err(r));
    if (r == 0) {
        struct pollfd pf = { s, POLLIN, 0 };
        poll(&pf, 1, 1000);
        /* canonical mode: the byte waits for a newline, so peek with FIONREAD */
        int n = -1;
        ioctl(s, FIONREAD, &n);
        printf(" queued %d", n);
        tcflush(s, TCIFLUSH);
    }
    printf("\n");
    printf("TIOCSTI bad pointer: %s\n", err(ioctl(s, TIOCSTI, BAD_PTR)));
    /* the session leader gives the terminal up (its group gets SIGHUP) */
    signal(SIGHUP, SIG_IGN);
    signal(SIGCONT, SIG_IGN);
    printf("TIOCNOTTY: %s\n", err(ioctl(s, TIOCNOTTY)));
    printf("TIOCGSID after TIOCNOTTY: %s\n", err(ioctl(s, TIOCGSID, &v)));
    fd = open("/dev/tty", O_RDWR);
    printf("open /dev/tty after: %s\n", err(fd));
    printf("TIOCNOTTY again: %s\n", err(ioctl(s, TIOCNOTTY)));
    printf("vhangup without a terminal: %s\n", err(syscall(SYS_vhangup)));
    /* a second pty as the terminal, hung up */
    int s2, m2 = open_pty(&s2);
    if (m2 < 0)
        return 2;
    printf("TIOCSCTTY second pty: %s\n", err(ioctl(s2, TIOCSCTTY, 0)));
    r = syscall(SYS_vhangup);
    printf("vhangup: %s", err(r));
    if (r == 0) {
        printf(" write after %s", err(write(s2, "x", 1)));
        char b;
        printf(" read after %s", err(read(s2, &b, 1)));
        printf(" TIOCGSID after %s", err(ioctl(s2, TIOCGSID, &v)));
    }
    printf("\n");
    fflush(stdout);
    return check_failures != 0;
}

static void packet_mode(void)
{
    int s, m = open_pty(&s);
    if (m < 0) {
        printf("no pty\n");
        return;
    }
    struct termios t;
    tcgetattr(s, &t);
    cfmakeraw(&t);
    tcsetattr(s, TCSANOW, &t);
    int one = 1, v = -1;
    printf("TIOCPKT: %s", err(ioctl(m, TIOCPKT, &one)));
    printf(" TIOCGPKT %s", err(ioctl(m, TIOCGPKT, &v)));
    printf(" = %d\n", v);
    printf("TIOCPKT bad pointer: %s\n", err(ioctl(m, TIOCPKT, BAD_PTR)));
    printf("write slave: %zd\n", write(s, "hi", 2));
    struct pollfd pf = { m, POLLIN, 0 };
    poll(&pf, 1, 1000);
    unsigned char buf[16];
    ssize_t n = read(m, buf, sizeof buf);
    printf("read master: %zd", n);
    for (ssize_t i = 0; i < n; i++)
        printf(" %02x", buf[i]);
    printf("\n");
    close(s);
    close(m);
}

static void file_ioctls(void)
{
    const char *dir = getenv("TMPDIR");
    char path[256];
    snprintf(path, sizeof path, "%s/tty_ctty.%d", dir ? dir : "/tmp", (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        printf("no temporary file\n");
        return;
    }
    unlink(path);
    if (write(fd, "12345", 5) != 5)
        return;
    lseek(fd, 1, SEEK_SET);
    int n = -1;
    printf("FIONREAD file: %s", err(ioctl(fd, FIONREAD, &n)));
    printf(" = %d\n", n);
    long long q = -1;
    printf("FIOQSIZE file: %s", err(ioctl(fd, FIOQSIZE, &q)));
    printf(" not negative %d\n", q >= 0);   /* bytes allocated: the fs decides */
    printf("FIOQSIZE bad pointer: %s\n", err(ioctl(fd, FIOQSIZE, BAD_PTR)));
    int bsz = 0;
    long r = ioctl(fd, 2 /* FIGETBSZ */, &bsz);
    printf("FIGETBSZ: %s positive %d\n", err(r), bsz > 0);
    printf("FIGETBSZ bad pointer: %s\n", err(ioctl(fd, 2, BAD_PTR)));
    printf("TCGETS on a file: %s\n", err(ioctl(fd, TCGETS, BAD_PTR)));
    printf("BLKGETSIZE64 on a file: %s\n", err(ioctl(fd, 0x80081272, &q)));
    close(fd);

    int p[2];
    if (pipe(p))
        return;
    int on = 1;
    printf("FIOASYNC on: %s", err(ioctl(p[0], FIOASYNC, &on)));
    printf(" O_ASYNC %d\n", (fcntl(p[0], F_GETFL) & O_ASYNC) != 0);
    on = 0;
    printf("FIOASYNC off: %s", err(ioctl(p[0], FIOASYNC, &on)));
    printf(" O_ASYNC %d\n", (fcntl(p[0], F_GETFL) & O_ASYNC) != 0);
    printf("FIOASYNC bad pointer: %s\n", err(ioctl(p[0], FIOASYNC, BAD_PTR)));
    close(p[0]);
    close(p[1]);
}

static void socket_ioctls(void)
{
    int sk = socket(AF_INET, SOCK_DGRAM, 0);
    if (sk < 0) {
        printf("no socket\n");
        return;
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    printf("SIOCGIFINDEX lo: %s", err(ioctl(sk, SIOCGIFINDEX, &ifr)));
    int index = ifr.ifr_ifindex;
    printf(" positive %d\n", index > 0);
    printf("SIOCGIFINDEX bad pointer: %s\n", err(ioctl(sk, SIOCGIFINDEX, BAD_PTR)));
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_ifindex = index;
    printf("SIOCGIFNAME: %s", err(ioctl(sk, SIOCGIFNAME, &ifr)));
    printf(" %s\n", ifr.ifr_name);
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    printf("SIOCGIFFLAGS lo: %s", err(ioctl(sk, SIOCGIFFLAGS, &ifr)));
    printf(" loopback %d\n", (ifr.ifr_flags & IFF_LOOPBACK) != 0);
    strcpy(ifr.ifr_name, "no-such-if0");
    printf("SIOCGIFFLAGS unknown: %s\n", err(ioctl(sk, SIOCGIFFLAGS, &ifr)));
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    printf("SIOCGIFMTU lo: %s", err(ioctl(sk, SIOCGIFMTU, &ifr)));
    printf(" positive %d\n", ifr.ifr_mtu > 0);

    struct ifconf ifc = { 0 };
    ifc.ifc_buf = NULL;
    printf("SIOCGIFCONF size: %s", err(ioctl(sk, SIOCGIFCONF, &ifc)));
    int need = ifc.ifc_len;
    printf(" whole records %d\n", need > 0 && need % (int)sizeof(struct ifreq) == 0);
    struct ifreq reqs[64];
    ifc.ifc_len = sizeof reqs;
    ifc.ifc_req = reqs;
    printf("SIOCGIFCONF: %s", err(ioctl(sk, SIOCGIFCONF, &ifc)));
    int found = 0;
    for (int i = 0; i < ifc.ifc_len / (int)sizeof(struct ifreq); i++)
        if (strcmp(reqs[i].ifr_name, "lo") == 0)
            found = 1;
    printf(" same size %d lo listed %d\n", ifc.ifc_len == need, found);
    ifc.ifc_len = sizeof reqs;
    ifc.ifc_buf = BAD_PTR;
    printf("SIOCGIFCONF bad buffer: %s\n", err(ioctl(sk, SIOCGIFCONF, &ifc)));
    printf("SIOCGIFCONF bad pointer: %s\n", err(ioctl(sk, SIOCGIFCONF, BAD_PTR)));

    /* a datagram to ourselves */
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof a;
    if (bind(sk, (struct sockaddr *)&a, sizeof a) || getsockname(sk, (struct sockaddr *)&a, &alen))
        return;
    struct timeval tv;
    printf("SIOCGSTAMP before a packet: %s\n", err(ioctl(sk, SIOCGSTAMP, &tv)));
    printf("sendto: %zd\n", sendto(sk, "datagram", 8, 0, (struct sockaddr *)&a, sizeof a));
    struct pollfd pf = { sk, POLLIN, 0 };
    poll(&pf, 1, 1000);
    int n = -1;
    printf("FIONREAD socket: %s", err(ioctl(sk, FIONREAD, &n)));
    printf(" = %d\n", n);
    n = -1;
    printf("TIOCOUTQ socket: %s", err(ioctl(sk, TIOCOUTQ, &n)));
    printf(" = %d\n", n);
    char buf[16];
    printf("recv: %zd\n", recv(sk, buf, sizeof buf, 0));
    printf("SIOCGSTAMP: %s\n", err(ioctl(sk, SIOCGSTAMP, &tv)));
    printf("SIOCGSTAMP bad pointer: %s\n", err(ioctl(sk, SIOCGSTAMP, BAD_PTR)));
    int owner = getpid(), got = 0;
    printf("FIOSETOWN: %s", err(ioctl(sk, FIOSETOWN, &owner)));
    printf(" FIOGETOWN %s", err(ioctl(sk, FIOGETOWN, &got)));
    printf(" same %d\n", got == owner);
    printf("FIOSETOWN bad pointer: %s\n", err(ioctl(sk, FIOSETOWN, BAD_PTR)));
    close(sk);
}

int main(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(ctty_child());
    int st = 0;
    waitpid(pid, &st, 0);
    printf("child: exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));
    packet_mode();
    file_ioctls();
    socket_ioctls();
    printf("failures: %d\n", check_failures);
    return check_failures != 0;
}
