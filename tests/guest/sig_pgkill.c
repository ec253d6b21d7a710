/* sig_pgkill.c — signals to process groups: kill(-pgid), killpg and
 * kill(0) reach every member and only them; a member outside the group is
 * not touched. Children report through their exit status. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_usr(int sig)
{
    got = sig;
}

/* a child that waits for a signal and exits with 10 + which one it got
 * (20 if none came within the wait) */
static pid_t member(pid_t pgid, int fd)
{
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, pgid);
        char c = 'r';
        if (write(fd, &c, 1) != 1)
            _exit(99);
        for (int i = 0; i < 400 && !got; i++)
            usleep(5000);
        _exit(got == SIGUSR1 ? 11 : got == SIGUSR2 ? 12 : 20);
    }
    setpgid(pid, pgid ? pgid : pid);
    return pid;
}

static void ready(int fd, int n)
{
    char c;
    for (int i = 0; i < n; i++)
        if (read(fd, &c, 1) != 1)
            exit(98);
}

static int status_of(pid_t pid)
{
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

int main(void)
{
    struct sigaction sa = { .sa_handler = on_usr };
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    int p[2];
    if (pipe(p))
        return 1;

    /* a group of three, and one outsider in its own group */
    pid_t a = member(0, p[1]);
    pid_t b = member(a, p[1]);
    pid_t c = member(a, p[1]);
    pid_t out = member(0, p[1]);
    ready(p[0], 4);
    printf("group of a: %s\n", getpgid(b) == a && getpgid(c) == a ? "a" : "?");
    printf("kill(-pgid, SIGUSR1): %d\n", kill(-a, SIGUSR1));
    printf("a %d b %d c %d\n", status_of(a), status_of(b), status_of(c));
    printf("killpg(outsider, SIGUSR2): %d\n", killpg(out, SIGUSR2));
    printf("outsider %d\n", status_of(out));

    /* kill(0): the caller's own group, from a child leading a new one */
    pid_t lead = fork();
    if (lead == 0) {
        setpgid(0, 0);
        pid_t m = member(getpid(), p[1]);
        ready(p[0], 1);
        signal(SIGUSR2, SIG_IGN);      /* the sender is in its group too */
        int r = kill(0, SIGUSR2);
        int st = status_of(m);
        _exit(r == 0 && st == 12 ? 0 : 1);
    }
    printf("kill(0) in a new group: %d\n", status_of(lead));
    printf("killpg(no such group): %d\n", killpg(999999, SIGUSR1) == -1);
    return 0;
}
