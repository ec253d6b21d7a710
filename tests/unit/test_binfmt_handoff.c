/* test_binfmt_handoff.c — how tern reads argv when binfmt_misc started it
 * (runner/options.c, docs/binfmt.md): the P flag's preserved argv[0], the
 * argv[0] lost without it, AT_EXECFD, the AT_EXECFN rule that recognises a
 * plain hand-off, no option parsing in a hand-off, and AT_SECURE ignoring
 * every QEMU_* / TERN_* variable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "runner/log.h"
#include "runner/options.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

static char *no_env[] = { NULL };

static struct tern_startup direct(void)
{
    return (struct tern_startup){ .at_flags = 0, .exec_fd = -1, .secure = false,
                                  .execfn = "/usr/bin/tern" };
}

static void test_direct_start_unchanged(void **state)
{
    (void)state;
    char *argv[] = { "/usr/bin/tern", "-0", "x", "prog", "a", NULL };
    struct tern_startup s = direct();
    struct tern_options o;
    options_parse_startup(ARGC(argv), argv, no_env, &s, &o);
    assert_false(o.binfmt);
    assert_int_equal(o.exec_fd, -1);
    assert_string_equal(o.prog, "prog");
    assert_int_equal(o.guest_argc, 2);
    assert_string_equal(o.guest_argv[0], "x");
    assert_string_equal(o.guest_argv[1], "a");
}

static void test_preserve_argv0(void **state)
{
    (void)state;
    /* kernel: [interpreter, binary, original argv0, argv1...] */
    char *argv[] = { "/usr/bin/tern", "./prog", "myname", "-L", "x", NULL };
    struct tern_startup s = direct();
    s.at_flags = TERN_AT_FLAGS_PRESERVE_ARGV0;
    s.execfn = "./prog";
    struct tern_options o;
    options_parse_startup(ARGC(argv), argv, no_env, &s, &o);
    assert_true(o.binfmt);
    assert_string_equal(o.prog, "./prog");
    assert_null(o.sysroot);                 /* "-L" is the guest's */
    assert_int_equal(o.guest_argc, 3);
    assert_string_equal(o.guest_argv[0], "myname");
    assert_string_equal(o.guest_argv[1], "-L");
    assert_string_equal(o.guest_argv[2], "x");
    assert_null(o.guest_argv[3]);
}

static void test_plain_handoff(void **state)
{
    (void)state;
    /* no P, no O: [interpreter, binary, argv1...]; argv0 is lost. A binary
     * named like an option is still the binary. */
    char *argv[] = { "/usr/bin/tern", "-strace", "a", NULL };
    struct tern_startup s = direct();
    s.execfn = "-strace";
    struct tern_options o;
    options_parse_startup(ARGC(argv), argv, no_env, &s, &o);
    assert_true(o.binfmt);
    assert_false(o.log_mask & LOG_strace);
    assert_string_equal(o.prog, "-strace");
    assert_int_equal(o.guest_argc, 2);
    assert_string_equal(o.guest_argv[0], "-strace");
    assert_string_equal(o.guest_argv[1], "a");

    /* QEMU_ARGV0 stands in for the lost argv0 */
    char *env[] = { "QEMU_ARGV0=named", NULL };
    options_parse_startup(ARGC(argv), argv, env, &s, &o);
    assert_string_equal(o.guest_argv[0], "named");
}

static void test_execfd(void **state)
{
    (void)state;
    char *argv[] = { "/usr/bin/tern", "/bin/prog", "a", NULL };
    struct tern_startup s = direct();
    s.exec_fd = 3;
    s.execfn = "/bin/prog";
    struct tern_options o;
    options_parse_startup(ARGC(argv), argv, no_env, &s, &o);
    assert_true(o.binfmt);
    assert_int_equal(o.exec_fd, 3);
    assert_string_equal(o.prog, "/bin/prog");
    assert_string_equal(o.guest_argv[0], "/bin/prog");
    /* P and O together */
    char *argv2[] = { "/usr/bin/tern", "/bin/prog", "sh", "-c", NULL };
    s.at_flags = TERN_AT_FLAGS_PRESERVE_ARGV0;
    options_parse_startup(ARGC(argv2), argv2, no_env, &s, &o);
    assert_int_equal(o.exec_fd, 3);
    assert_int_equal(o.guest_argc, 2);
    assert_string_equal(o.guest_argv[0], "sh");
    assert_string_equal(o.guest_argv[1], "-c");
}

static void test_secure_ignores_variables(void **state)
{
    (void)state;
    char *argv[] = { "/usr/bin/tern", "/bin/su", "su", NULL };
    char *env[] = { "QEMU_LD_PREFIX=/evil", "TERN_STRACE=1", "QEMU_LOG=unimp",
                    "QEMU_LOG_FILENAME=/etc/x", "QEMU_SET_ENV=LD_PRELOAD=/x.so",
                    "TERN_UNSET_ENV=PATH", "QEMU_CPU=nosuch", "QEMU_VDSO=off",
                    "QEMU_ARGV0=y", NULL };
    struct tern_startup s = direct();
    s.at_flags = TERN_AT_FLAGS_PRESERVE_ARGV0;
    s.exec_fd = 4;
    s.secure = true;
    s.execfn = "/bin/su";
    struct tern_options o;
    options_parse_startup(ARGC(argv), argv, env, &s, &o);
    assert_true(o.secure);
    assert_null(o.sysroot);
    assert_null(o.log_file);
    assert_null(o.cpu_model);
    assert_null(o.argv0);
    assert_false(o.no_vdso);
    assert_int_equal(o.log_mask, 0);
    assert_null(o.set_env[0]);
    assert_null(o.unset_env[0]);
    assert_string_equal(o.guest_argv[0], "su");
    /* the same variables count when not secure */
    s.secure = false;
    options_parse_startup(ARGC(argv), argv, env, &s, &o);
    assert_string_equal(o.sysroot, "/evil");
    assert_true(o.log_mask & LOG_strace);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_direct_start_unchanged),
        cmocka_unit_test(test_preserve_argv0),
        cmocka_unit_test(test_plain_handoff),
        cmocka_unit_test(test_execfd),
        cmocka_unit_test(test_secure_ignores_variables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
