/* spawn_exec — running programs: posix_spawn of a host program (/bin/echo),
 * posix_spawn of a missing one (the error comes back through vfork's shared
 * memory in glibc, a pipe in musl), execve of this program itself (argv[0] and
 * the environment as given), fexecve, #! scripts whose interpreter is this
 * program or the host's /bin/sh, and execve failures (ENOENT, EACCES, ENOEXEC,
 * a missing #! interpreter) that leave the caller running.
 *
 * "Itself" is the path in argv[0] made absolute (the harness runs the program
 * by a relative path). Under tern that is the guest binary, so every exec of
 * it starts tern again; natively it is the native build. Child modes are
 * picked by argv[1]. Nothing prints paths or pids.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char self[PATH_MAX];

static const char *errname(int e)
{
    switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case ENOEXEC: return "ENOEXEC";
    case ENOTDIR: return "ENOTDIR";
    case EFAULT: return "EFAULT";
    case ELOOP: return "ELOOP";
    default: return "other";
    }
}

static void show_status(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by signal %d\n", what, WTERMSIG(st));
    else
        printf("%s: status %#x\n", what, st);
}

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* ---- child modes ---- */

static int child_args(int argc, char **argv)
{
    printf("child: argc=%d argv0=[%s]", argc, argv[0]);
    for (int i = 2; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\n");
    return 3;
}

static int child_env(void)
{
    int n = 0;
    for (char **e = environ; *e; e++)
        n++;
    const char *foo = getenv("FOO");
    printf("child env: %d variables, FOO=%s\n", n, foo ? foo : "(unset)");
    return 4;
}

/* run as a #! interpreter: argv = [interpreter, "scriptarg", script, args...] */
static int child_script(int argc, char **argv)
{
    /* argv[0]: the interpreter as the #! line names it (an absolute path) */
    printf("interpreter: argv0 is this program %d, arg [%s], script %s, then",
           argv[0][0] == '/' && strcmp(base(argv[0]), "spawn_exec") == 0, argv[1],
           argc > 2 ? base(argv[2]) : "-");
    for (int i = 3; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\n");
    return 5;
}

static void on_signal(int sig) { (void)sig; }

/* what exec kept: ignored signals stay ignored, handled ones are back to the
 * default, the blocked set is kept; with "again", exec once more first */
static int child_sigstate(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[2], "again") == 0) {
        char *again[] = { argv[0], "sigstate", NULL };
        execve(argv[0][0] == '/' ? argv[0] : "/proc/self/exe", again, environ);
        return 100 + (errno & 0x1f);
    }
    static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGUSR2 };
    static const char *const names[] = { "TERM", "HUP", "INT", "USR1", "USR2" };
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("after exec:");
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        sigaction(sigs[i], NULL, &sa);
        printf(" %s=%s%s", names[i],
               sa.sa_handler == SIG_IGN ? "ignored" : sa.sa_handler == SIG_DFL ? "default" : "handler",
               sigismember(&cur, sigs[i]) ? ",blocked" : "");
    }
    printf("\n");
    return 8;
}

/* ---- the parent ---- */

/* fork, execve(path, argv, envp) in the child; report the exec error
 * through the exit status if it fails */
static void fork_exec(const char *what, const char *path, char *const argv[], char *const envp[])
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execve(path, argv, envp);
        _exit(100 + (errno & 0x1f));
    }
    int st;
    waitpid(pid, &st, 0);
    show_status(what, st);
}

static void exec_fails(const char *what, const char *path)
{
    char *argv[] = { "x", NULL };
    errno = 0;
    int r = execve(path, argv, environ);
    printf("execve %s: %d %s, still running\n", what, r, errname(errno));
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        printf("cannot write %s\n", base(path));
    close(fd);
    chmod(path, mode);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "args") == 0)
        return child_args(argc, argv);
    if (argc > 1 && strcmp(argv[1], "env") == 0)
        return child_env();
    if (argc > 1 && strcmp(argv[1], "scriptarg") == 0)
        return child_script(argc, argv);
    if (argc > 1 && strcmp(argv[1], "sigstate") == 0)
        return child_sigstate(argc, argv);
    if (!realpath(argv[0], self)) {
        printf("realpath failed\n");
        return 1;
    }

    const char *tmp = getenv("TMPDIR");
    if (!tmp)
        tmp = "/tmp";
    char p_noexec[PATH_MAX], p_garbage[PATH_MAX], p_script[PATH_MAX], p_shscript[PATH_MAX],
        p_badinterp[PATH_MAX], text[PATH_MAX + 64];
    snprintf(p_noexec, sizeof p_noexec, "%s/noexec", tmp);
    snprintf(p_garbage, sizeof p_garbage, "%s/garbage", tmp);
    snprintf(p_script, sizeof p_script, "%s/self-script", tmp);
    snprintf(p_shscript, sizeof p_shscript, "%s/sh-script", tmp);
    snprintf(p_badinterp, sizeof p_badinterp, "%s/bad-interp", tmp);

    /* posix_spawn of a host program: it writes to our stdout */
    fflush(stdout);
    pid_t pid;
    char *echo_argv[] = { "echo", "spawned", "echo", NULL };
    int r = posix_spawn(&pid, "/bin/echo", NULL, NULL, echo_argv, environ);
    int st = 0;
    if (r == 0)
        waitpid(pid, &st, 0);
    printf("posix_spawn /bin/echo: %s\n", errname(r));
    show_status("spawned echo", st);

    fflush(stdout);
    r = posix_spawnp(&pid, "echo", NULL, NULL, echo_argv, environ);
    if (r == 0)
        waitpid(pid, &st, 0);
    printf("posix_spawnp echo: %s\n", errname(r));

    /* a missing program: the error comes back from posix_spawn itself */
    r = posix_spawn(&pid, "/nonexistent/program", NULL, NULL, echo_argv, environ);
    printf("posix_spawn of a missing program: %s\n", errname(r));
    if (r == 0)
        waitpid(pid, &st, 0);

    /* posix_spawn of this program, with file actions */
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 7, "/dev/null", O_RDONLY, 0);
    char *self_argv[] = { "spawned-self", "args", "one", "two words", "", NULL };
    fflush(stdout);
    r = posix_spawn(&pid, self, &fa, NULL, self_argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (r == 0)
        waitpid(pid, &st, 0);
    printf("posix_spawn self: %s\n", errname(r));
    show_status("spawned self", st);

    /* execve of itself: argv[0] as given, arguments, a replaced environment */
    char *exec_argv[] = { "custom-argv0", "args", "a b", "*", NULL };
    fork_exec("execve self", self, exec_argv, environ);
    char *env_argv[] = { "envchild", "env", NULL };
    char *small_env[] = { "FOO=bar baz", "OTHER=1", NULL };
    fork_exec("execve self, own environment", self, env_argv, small_env);
    char *no_env[] = { NULL };
    fork_exec("execve self, empty environment", self, env_argv, no_env);

    /* fexecve: execveat(fd, "", AT_EMPTY_PATH) */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        int fd = open(self, O_RDONLY);
        char *fargv[] = { "fexecve-child", "args", "by fd", NULL };
        fexecve(fd, fargv, environ);
        _exit(100 + (errno & 0x1f));
    }
    waitpid(pid, &st, 0);
    show_status("fexecve self", st);

    /* signal dispositions and mask across exec, twice */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        signal(SIGINT, on_signal);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGUSR1);
        sigaddset(&set, SIGHUP);
        sigprocmask(SIG_BLOCK, &set, NULL);
        char *sargv[] = { self, "sigstate", "again", NULL };
        execve(self, sargv, environ);
        _exit(100 + (errno & 0x1f));
    }
    waitpid(pid, &st, 0);
    show_status("signal state across two execs", st);

    /* #! scripts: this program as the interpreter (with an argument), and the
     * host's /bin/sh */
    snprintf(text, sizeof text, "#!%s scriptarg\nnot read by anyone\n", self);
    write_file(p_script, text, 0755);
    char *script_argv[] = { "script-argv0", "x", "y z", NULL };
    fork_exec("#! script run by this program", p_script, script_argv, environ);
    write_file(p_shscript, "#!/bin/sh\necho \"from sh: $# args, first [$1]\"\nexit 6\n", 0755);
    char *sh_argv[] = { "sh-script", "hello world", "2", NULL };
    fork_exec("#! script run by /bin/sh", p_shscript, sh_argv, environ);

    /* failures: the caller keeps running */
    write_file(p_noexec, "#!/bin/sh\nexit 0\n", 0644);
    write_file(p_garbage, "\x01\x02\x03 this is not a program\n", 0755);
    write_file(p_badinterp, "#!/nonexistent/interpreter -x\n", 0755);
    exec_fails("missing file", "/nonexistent/program");
    exec_fails("not executable", p_noexec);
    exec_fails("unknown format", p_garbage);
    exec_fails("missing #! interpreter", p_badinterp);
    exec_fails("a directory", tmp);
    /* #! lines the kernel refuses: no name, a name the 256-byte buffer may
     * have cut; an empty name (a NUL after "#!") is looked up as the cwd */
    char p_edge[PATH_MAX], longname[400];
    snprintf(p_edge, sizeof p_edge, "%s/edge", tmp);
    write_file(p_edge, "#!   \t\nexit 0\n", 0755);
    exec_fails("#! without a name", p_edge);
    memset(longname, 'y', sizeof longname - 1);
    longname[0] = '#';
    longname[1] = '!';
    longname[2] = '/';
    longname[sizeof longname - 1] = 0;
    write_file(p_edge, longname, 0755);
    exec_fails("#! name longer than the buffer", p_edge);
    {
        int fd = open(p_edge, O_WRONLY | O_TRUNC);
        if (fd < 0 || write(fd, "#!\0/bin/sh\n", 11) != 11)
            printf("cannot write edge\n");
        close(fd);
    }
    exec_fails("#! with an empty name", p_edge);
    /* the argument: one word with its inner blanks, outer ones trimmed */
    write_file(p_edge, "#!/bin/echo   one  arg \t \nrest\n", 0755);
    char *edge_argv[] = { "edge", "last", NULL };
    fork_exec("#! /bin/echo with an argument", p_edge, edge_argv, environ);
    snprintf(text, sizeof text, "%s/sub", p_garbage);
    exec_fails("through a file", text);
    static const char *volatile null_path;
    errno = 0;
    r = execve(null_path, exec_argv, environ);
    printf("execve NULL path: %d %s\n", r, errname(errno));
    printf("all done\n");
    return 0;
}
