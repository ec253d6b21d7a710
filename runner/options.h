/* options.h — tern's command line and QEMU_* / TERN_* environment, parsed once.
 *
 * Precedence (as qemu-user): command-line options override environment
 * variables. Every QEMU_X variable is also accepted as TERN_X (TERN_ wins).
 */
#ifndef TERN_OPTIONS_H
#define TERN_OPTIONS_H

#include <stdbool.h>

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
    const char *prog;          /* guest program path */
    int guest_argc;            /* guest argv (argv[0] is the program unless -0) */
    char **guest_argv;
};

/* Parses argv/envp. Prints help/version and exits 0 for -h/-version; on a bad
 * option prints one line "tern: ..." and exits 1. */
void options_parse(int argc, char **argv, char **envp, struct tern_options *o);
/* The guest's environment: host envp with -E/-U applied (QEMU_* and TERN_* variables kept, as qemu does). */
char **options_guest_envp(const struct tern_options *o, char **envp);

#endif
