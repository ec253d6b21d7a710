/* sig_exec.c — a signal sent while its target is exec'ing is never lost:
 * it reaches the old image (whose handler re-raises it with the default
 * action) or the new one (default action after an exec), so the child always
 * dies of it. Sent at spread-out moments around the exec (the new image is
 * this program again, which would sleep two seconds). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void on_term(int sig)
{
    signal(sig, SIG_DFL);
    raise(sig);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "sleep") == 0) {
        sleep(2);
        return 7;
    }
    int died = 0, other = 0;
    for (int i = 0; i < 40; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            struct sigaction sa = { .sa_handler = on_term };
            sigaction(SIGTERM, &sa, NULL);
            execl("/proc/self/exe", argv[0], "sleep", (char *)NULL);
            _exit(99);
        }
        struct timespec d = { 0, (long)(i % 20) * 400000L };   /* 0..7.6 ms */
        nanosleep(&d, NULL);
        kill(pid, SIGTERM);
        int st;
        waitpid(pid, &st, 0);
        if (WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM)
            died++;
        else
            other++;
    }
    printf("died of SIGTERM: %d, otherwise: %d\n", died, other);
    return 0;
}
