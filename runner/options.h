/* options.h — tern's command line and QEMU_* / TERN_* environment, parsed once.
 *
 * Precedence (as qemu-user): command-line options override environment
 * variables. Every QEMU_X variable is also accepted as TERN_X (TERN_ wins).
 *
 * Started by the kernel's binfmt_misc (docs/binfmt.md), argv is the kernel's
 * hand-off, not a command line: [interpreter, binary, argv0 (P flag only),
 * args...]; nothing in it is taken as an option. With AT_SECURE (a setuid or
 * file-capability program under the C flag) no QEMU_* / TERN_* variable is
 * read at all.
 */
#ifndef TERN_OPTIONS_H
#define TERN_OPTIONS_H

#include <stdbool.h>

/* What the kernel told tern about its own start (tern's auxv), which decides
 * how argv is read. options_parse takes it from getauxval. */
struct tern_startup {
    unsigned long at_flags;    /* AT_FLAGS: bit 0 = binfmt_misc's P (argv[0] preserved) */
    int exec_fd;               /* AT_EXECFD (binfmt_misc O/C): the program, open; -1 if absent */
    bool secure;               /* AT_SECURE */
    const char *execfn;        /* AT_EXECFN (NULL if absent) */
};
#define TERN_AT_FLAGS_PRESERVE_ARGV0 1ul

struct tern_options {
    const char *sysroot;       /* -L / QEMU_LD_PREFIX */
    const char *argv0;         /* -0 / QEMU_ARGV0: argv[0] the guest sees */
    const char *cpu_model;     /* -cpu / QEMU_CPU (NULL = default) */
    const char *log_file;      /* -D / QEMU_LOG_FILENAME */
    unsigned log_mask;         /* -d / QEMU_LOG, plus LOG_strace for -strace */
    bool cpu_help;             /* -cpu help */
    bool no_vdso;              /* -vdso off / QEMU_VDSO=off: no guest vDSO (docs/vdso.md) */
    const char *forced_arch;   /* from the tern-<arch> link name, or NULL */
    char **set_env;            /* -E / QEMU_SET_ENV entries "VAR=value" (NULL-terminated) */
    char **unset_env;          /* -U / QEMU_UNSET_ENV names (NULL-terminated) */
    bool binfmt;               /* started by binfmt_misc: argv was the kernel's hand-off */
    bool secure;               /* AT_SECURE: QEMU_* / TERN_* variables were ignored */
    int exec_fd;               /* the program already open (binfmt O/C, AT_EXECFD), or -1 */
    const char *prog;          /* guest program path */
    int guest_argc;            /* guest argv (argv[0] is the program unless -0) */
    char **guest_argv;
};

/* Parses argv/envp. Prints help/version and exits 0 for -h/-version; on a bad
 * option prints one line "tern: ..." and exits 1. */
void options_parse(int argc, char **argv, char **envp, struct tern_options *o);
/* The same with the start-up facts given (tests; options_parse reads them
 * from tern's own auxv). */
void options_parse_startup(int argc, char **argv, char **envp, const struct tern_startup *s,
                           struct tern_options *o);
/* tern's own AT_FLAGS, AT_EXECFD, AT_SECURE and AT_EXECFN */
void options_read_startup(struct tern_startup *s);
/* The guest's environment: host envp with -E/-U applied (QEMU_* and TERN_* variables kept, as qemu does). */
char **options_guest_envp(const struct tern_options *o, char **envp);

#endif
