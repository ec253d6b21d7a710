/* sig_death — a process killed by a signal it does not handle: after
 * handled and ignored signals, SIGTERM with the default action ends it; the
 * harness compares the exit status (128 + 15 through its `timeout`) and the
 * output flushed before. What the C library still buffers dies with the
 * process, natively as under tern.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile int hits;
static void on_usr1(int sig) { (void)sig; hits++; }

int main(void)
{
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    signal(SIGHUP, SIG_IGN);
    raise(SIGHUP);
    printf("handled %d, survived an ignored SIGHUP\n", hits);
    fflush(stdout);
    printf("this line is still in the stdio buffer and is lost\n");
    kill(getpid(), SIGTERM);
    printf("not reached\n");
    return 0;
}
