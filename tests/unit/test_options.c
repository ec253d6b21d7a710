/* test_options.c — command line, QEMU_* / TERN_* environment, the guest
 * environment, -d log items, and the paths that print and exit (run in a
 * forked child whose stdout/stderr and status are checked).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner/log.h"
#include "runner/options.h"
#include "runner/tern.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

static char *no_env[] = { NULL };

static int count(char **v)
{
    int n = 0;
    while (v && v[n])
        n++;
    return n;
}

static bool has(char **v, const char *s)
{
    for (; v && *v; v++)
        if (strcmp(*v, s) == 0)
            return true;
    return false;
}

/* ---- running something that exits, in a child ---- */

struct outcome {
    int status;
    char out[4096], err[4096];
};

static void read_all(int fd, char *buf, size_t n)
{
    size_t got = 0;
    ssize_t r;
    while (got + 1 < n && (r = read(fd, buf + got, n - 1 - got)) > 0)
        got += (size_t)r;
    buf[got] = '\0';
}

static void run_child(void (*fn)(void *), void *arg, struct outcome *o)
{
    FILE *out = tmpfile(), *err = tmpfile();
    assert_non_null(out);
    assert_non_null(err);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fileno(out), 1);
        dup2(fileno(err), 2);
        fn(arg);
        fflush(stdout);
        fflush(stderr);
        _exit(99);      /* fn was expected to exit */
    }
    int ws;
    waitpid(pid, &ws, 0);
    o->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    lseek(fileno(out), 0, SEEK_SET);
    lseek(fileno(err), 0, SEEK_SET);
    read_all(fileno(out), o->out, sizeof(o->out));
    read_all(fileno(err), o->err, sizeof(o->err));
    fclose(out);
    fclose(err);
}

struct parse_args {
    int argc;
    char **argv, **envp;
};

static void do_parse(void *p)
{
    struct parse_args *a = p;
    struct tern_options o;
    options_parse(a->argc, a->argv, a->envp, &o);
    /* came back: report what was parsed so the test sees it */
    printf("parsed prog=%s\n", o.prog ? o.prog : "(null)");
    fflush(stdout);
    _exit(98);
}

static void parse_in_child(int argc, char **argv, char **envp, struct outcome *o)
{
    struct parse_args a = { argc, argv, envp };
    run_child(do_parse, &a, o);
}

/* ---- tests ---- */

static void test_basic(void **state)
{
    (void)state;
    char *argv[] = { "tern", "/bin/prog", "a", "-d", "in_asm", NULL };
    struct tern_options o;
    options_parse(ARGC(argv), argv, no_env, &o);
    assert_string_equal(o.prog, "/bin/prog");
    assert_int_equal(o.guest_argc, 4);
    assert_string_equal(o.guest_argv[0], "/bin/prog");
    assert_string_equal(o.guest_argv[1], "a");
    assert_string_equal(o.guest_argv[2], "-d");   /* after the program: the guest's */
    assert_string_equal(o.guest_argv[3], "in_asm");
    assert_null(o.guest_argv[4]);
    assert_int_equal(o.log_mask, 0);
    assert_null(o.forced_arch);
    assert_null(o.sysroot);
    assert_null(o.cpu_model);
    assert_false(o.cpu_help);
    assert_int_equal(count(o.set_env), 0);
    assert_int_equal(count(o.unset_env), 0);
}

static void test_all_options(void **state)
{
    (void)state;
    char *argv[] = { "/usr/local/bin/tern-riscv64", "-L", "/sysroot", "-E", "A=1,B=2", "--E",
                     "C=3", "-U", "D", "-0", "zero", "-cpu", "rv64", "-strace", "-d",
                     "in_asm,op", "--D", "/tmp/log", "prog", "x", NULL };
    struct tern_options o;
    options_parse(ARGC(argv), argv, no_env, &o);
    assert_string_equal(o.forced_arch, "riscv64");
    assert_string_equal(o.sysroot, "/sysroot");
    assert_string_equal(o.argv0, "zero");
    assert_string_equal(o.cpu_model, "rv64");
    assert_string_equal(o.log_file, "/tmp/log");
    assert_int_equal(o.log_mask, LOG_in_asm | LOG_op | LOG_strace);
    assert_int_equal(count(o.set_env), 3);
    assert_true(has(o.set_env, "A=1") && has(o.set_env, "B=2") && has(o.set_env, "C=3"));
    assert_int_equal(count(o.unset_env), 1);
    assert_true(has(o.unset_env, "D"));
    assert_string_equal(o.prog, "prog");
    assert_int_equal(o.guest_argc, 2);
    assert_string_equal(o.guest_argv[0], "zero");
    assert_string_equal(o.guest_argv[1], "x");
}

static void test_double_dash_and_end(void **state)
{
    (void)state;
    char *argv[] = { "tern", "--strace", "--", "-weird-name", "-x", NULL };
    struct tern_options o;
    options_parse(ARGC(argv), argv, no_env, &o);
    assert_int_equal(o.log_mask, LOG_strace);
    assert_string_equal(o.prog, "-weird-name");
    assert_int_equal(o.guest_argc, 2);
    assert_string_equal(o.guest_argv[1], "-x");

    char *argv2[] = { "tern", "-", NULL };      /* "-" alone is a program name */
    options_parse(ARGC(argv2), argv2, no_env, &o);
    assert_string_equal(o.prog, "-");

    char *argv3[] = { "tern", "-cpu", "help", NULL };
    options_parse(ARGC(argv3), argv3, no_env, &o);
    assert_true(o.cpu_help);
    assert_null(o.prog);
    assert_null(o.cpu_model);
}

static void test_environment(void **state)
{
    (void)state;
    char *env[] = { "QEMU_LD_PREFIX=/q", "TERN_LD_PREFIX=/t", "QEMU_CPU=qcpu", "QEMU_ARGV0=qa0",
                    "QEMU_STRACE=", "QEMU_LOG=in_asm", "QEMU_LOG_FILENAME=/q.log",
                    "QEMU_SET_ENV=X=1,Y=2", "QEMU_UNSET_ENV=Z", NULL };
    char *argv[] = { "tern", "prog", NULL };
    struct tern_options o;
    options_parse(ARGC(argv), argv, env, &o);
    assert_string_equal(o.sysroot, "/t");           /* TERN_ wins over QEMU_ */
    assert_string_equal(o.cpu_model, "qcpu");
    assert_string_equal(o.argv0, "qa0");
    assert_string_equal(o.guest_argv[0], "qa0");
    assert_string_equal(o.log_file, "/q.log");
    assert_int_equal(o.log_mask, LOG_in_asm | LOG_strace);
    assert_true(has(o.set_env, "X=1") && has(o.set_env, "Y=2"));
    assert_true(has(o.unset_env, "Z"));

    /* the command line wins over both */
    char *argv2[] = { "tern", "-L", "/c", "-cpu", "ccpu", "-d", "op", "-D", "/c.log",
                      "-E", "X=9", "-U", "Y", "-E", "Z=5", "prog", NULL };
    options_parse(ARGC(argv2), argv2, env, &o);
    assert_string_equal(o.sysroot, "/c");
    assert_string_equal(o.cpu_model, "ccpu");
    assert_string_equal(o.log_file, "/c.log");
    assert_int_equal(o.log_mask, LOG_op | LOG_strace);
    assert_int_equal(count(o.set_env), 2);
    assert_true(has(o.set_env, "X=9") && has(o.set_env, "Z=5"));
    assert_int_equal(count(o.unset_env), 1);
    assert_true(has(o.unset_env, "Y"));

    /* a set TERN_ list hides the QEMU_ one */
    char *env2[] = { "QEMU_SET_ENV=A=1", "TERN_SET_ENV=B=2", NULL };
    options_parse(ARGC(argv), argv, env2, &o);
    assert_int_equal(count(o.set_env), 1);
    assert_true(has(o.set_env, "B=2"));
}

static void test_guest_envp(void **state)
{
    (void)state;
    char *host[] = { "A=0", "B=1", "C=2", "QEMU_LD_PREFIX=/x", "A=dup", NULL };
    char *argv[] = { "tern", "-E", "A=9", "-U", "B", "-E", "D=4", "-E", "B=late", "-U",
                     "NOPE", "prog", NULL };
    struct tern_options o;
    options_parse(ARGC(argv), argv, host, &o);
    char **g = options_guest_envp(&o, host);
    /* A replaced in place (its duplicate dropped), B set after its unset
     * (last word wins), QEMU_* kept as qemu does */
    assert_int_equal(count(g), 5);
    assert_string_equal(g[0], "A=9");
    assert_string_equal(g[1], "B=late");
    assert_string_equal(g[2], "C=2");
    assert_string_equal(g[3], "QEMU_LD_PREFIX=/x");
    assert_string_equal(g[4], "D=4");
    free(g);

    char *argv2[] = { "tern", "-U", "A,C", "prog", NULL };
    options_parse(ARGC(argv2), argv2, host, &o);
    g = options_guest_envp(&o, host);
    assert_int_equal(count(g), 2);
    assert_string_equal(g[0], "B=1");
    assert_string_equal(g[1], "QEMU_LD_PREFIX=/x");
    free(g);
}

static void test_log_mask(void **state)
{
    (void)state;
    unsigned m = 123;
    const char *bad = NULL;
    assert_int_equal(log_parse_mask("in_asm,op", &m, &bad), 0);
    assert_int_equal(m, LOG_in_asm | LOG_op);
    assert_int_equal(log_parse_mask("", &m, &bad), 0);
    assert_int_equal(m, 0);
    assert_int_equal(log_parse_mask("page,,exec,", &m, &bad), 0);
    assert_int_equal(m, LOG_page | LOG_exec);
    assert_int_equal(log_parse_mask("in_asm,bogus,op", &m, &bad), -1);
    assert_string_equal(bad, "bogus");
    assert_int_equal(log_parse_mask("in_as", &m, &bad), -1);
    assert_string_equal(bad, "in_as");
    assert_int_equal(log_parse_mask("in_asm,op,op_opt,out_asm,exec,unimp,strace,page", &m, &bad),
                     0);
    assert_int_equal(m, 0xff);
}

static void test_exits(void **state)
{
    (void)state;
    struct outcome o;

    char *h[] = { "tern", "-h", NULL };
    parse_in_child(ARGC(h), h, no_env, &o);
    assert_int_equal(o.status, 0);
    assert_non_null(strstr(o.out, "usage: tern [options] program"));
    for (const char *opt = "-L\0-E\0-U\0-0\0-cpu\0-strace\0-d\0-D\0-version\0"; *opt;
         opt += strlen(opt) + 1)
        assert_non_null(strstr(o.out, opt));
    char *h2[] = { "tern", "--help", NULL };
    parse_in_child(ARGC(h2), h2, no_env, &o);
    assert_int_equal(o.status, 0);

    char *v[] = { "tern", "-version", NULL };
    parse_in_child(ARGC(v), v, no_env, &o);
    assert_int_equal(o.status, 0);
    assert_true(strncmp(o.out, "tern " TERN_VERSION "\n", strlen("tern " TERN_VERSION "\n")) == 0);
    assert_non_null(strstr(o.out, "user-mode binary translator"));
    char *v2[] = { "tern", "--version", NULL };
    parse_in_child(ARGC(v2), v2, no_env, &o);
    assert_int_equal(o.status, 0);

    char *dh[] = { "tern", "-d", "help", NULL };
    parse_in_child(ARGC(dh), dh, no_env, &o);
    assert_int_equal(o.status, 0);
    assert_non_null(strstr(o.out, "in_asm"));
    assert_non_null(strstr(o.out, "strace"));

    char *bad[] = { "tern", "-x", "prog", NULL };
    parse_in_child(ARGC(bad), bad, no_env, &o);
    assert_int_equal(o.status, 1);
    assert_true(strncmp(o.err, "tern: unknown option '-x'\n", 26) == 0);

    char *none[] = { "tern", NULL };
    parse_in_child(ARGC(none), none, no_env, &o);
    assert_int_equal(o.status, 1);
    assert_non_null(strstr(o.err, "usage: tern"));
    char *only_opts[] = { "tern", "-strace", NULL };
    parse_in_child(ARGC(only_opts), only_opts, no_env, &o);
    assert_int_equal(o.status, 1);

    char *noarg[] = { "tern", "-L", NULL };
    parse_in_child(ARGC(noarg), noarg, no_env, &o);
    assert_int_equal(o.status, 1);
    assert_non_null(strstr(o.err, "tern: option '-L' needs an argument"));

    char *baditem[] = { "tern", "-d", "in_asm,nope", "prog", NULL };
    parse_in_child(ARGC(baditem), baditem, no_env, &o);
    assert_int_equal(o.status, 1);
    assert_non_null(strstr(o.err, "tern: -d: unknown log item 'nope'"));

    char *envbad[] = { "QEMU_LOG=nope", NULL };
    char *prog[] = { "tern", "prog", NULL };
    parse_in_child(ARGC(prog), prog, envbad, &o);
    assert_int_equal(o.status, 1);
    assert_non_null(strstr(o.err, "tern: QEMU_LOG: unknown log item 'nope'"));

    char *bade[] = { "tern", "-E", "NOEQUALS", "prog", NULL };
    parse_in_child(ARGC(bade), bade, no_env, &o);
    assert_int_equal(o.status, 1);
}

static void do_log_bad_file(void *p)
{
    (void)p;
    log_init(LOG_in_asm, "/nonexistent-dir/tern.log");
}

static void do_die(void *p)
{
    (void)p;
    tern_die(126, "%s: %s", "/x", "not an ELF file");
}

static void do_log_write(void *p)
{
    log_init(LOG_page, p);
    log_printf("hello %d\n", 42);
    char big[2000];
    memset(big, 'z', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    log_printf("%s\n", big);
    _exit(0);       /* line-buffered: nothing may be lost without a flush */
}

static void test_log_and_die(void **state)
{
    (void)state;
    struct outcome o;
    run_child(do_log_bad_file, NULL, &o);
    assert_int_equal(o.status, 1);
    assert_true(strncmp(o.err, "tern: cannot open log file /nonexistent-dir/tern.log: ", 54) == 0);
    assert_int_equal(strchr(o.err, '\n') - o.err, (long)strlen(o.err) - 1);

    run_child(do_die, NULL, &o);
    assert_int_equal(o.status, 126);
    assert_string_equal(o.err, "tern: /x: not an ELF file\n");

    char path[] = "/tmp/tern-test-log-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    run_child(do_log_write, path, &o);
    assert_int_equal(o.status, 0);
    FILE *f = fopen(path, "r");
    char buf[4096];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    unlink(path);
    assert_int_equal(n, strlen("hello 42\n") + 2000);
    assert_true(strncmp(buf, "hello 42\nzzz", 12) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_all_options),
        cmocka_unit_test(test_double_dash_and_end),
        cmocka_unit_test(test_environment),
        cmocka_unit_test(test_guest_envp),
        cmocka_unit_test(test_log_mask),
        cmocka_unit_test(test_exits),
        cmocka_unit_test(test_log_and_die),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
