/* sig_race — a signal that lands just before a blocking read: a one-shot
 * timer fires after 1..150 us while the program enters read() on an empty
 * pipe, and only its handler writes the byte that read waits for. Wherever
 * the signal lands (before the read, inside it, or in between — in tern's
 * own code between the guest's syscall instruction and the host's), the
 * handler must run and the read must end, with the byte or with EINTR
 * (then read again). A lost wake-up hangs the test.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int wfd;

static void on_alrm(int sig)
{
    (void)sig;
    if (write(wfd, "x", 1) != 1)
        _exit(9);
}

int main(void)
{
    int fds[2];
    if (pipe(fds))
        return 1;
    wfd = fds[1];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alrm;
    sigaction(SIGALRM, &sa, NULL);
    int got = 0;
    for (int i = 0; i < 3000; i++) {
        struct itimerval it = { { 0, 0 }, { 0, 1 + (i * 7) % 150 } };
        setitimer(ITIMER_REAL, &it, NULL);
        char c;
        for (;;) {
            ssize_t r = read(fds[0], &c, 1);
            if (r == 1) {
                got++;
                break;
            }
            if (r < 0 && errno == EINTR)
                continue;
            printf("read: %zd %s\n", r, strerror(errno));
            return 2;
        }
    }
    printf("%d reads ended by their signal\n", got);
    return 0;
}
