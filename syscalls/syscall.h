/* syscall.h — the guest syscall layer's entry point and table types.
 *
 * The dispatcher calls guest_syscall() when generated code exits with
 * EXIT_SYSCALL. It reads the number and arguments from the guest registers
 * named by the arch (struct guest_arch sc_*), runs the handler, and writes the
 * result (a negative errno on failure, as the kernel returns it) to the return
 * register. Handlers call the host kernel with raw syscalls so the guest sees
 * the kernel's semantics and errno.
 */
#ifndef TERN_SYSCALL_H
#define TERN_SYSCALL_H

#include <stdint.h>

struct cpu;

/* strace argument formats, one char per argument in syscall_def.args:
 *   d signed decimal, u unsigned, x hex, p pointer, s string (guest char*),
 *   f fd, o octal mode, O open flags, P prot, M mmap flags, b buffer (with
 *   the next arg as length, printed after the call for reads), - unused.
 * Extensions (syscalls/strace.c):
 *   B  buffer the call fills in; its length is the call's result
 *   =c after the argument chars: how to print a successful result (default d),
 *      e.g. "puPMfd=p" for mmap
 * args == NULL (unimplemented syscalls): the raw argument registers are shown. */
struct syscall_def {
    const char *name;
    long (*fn)(struct cpu *cpu, uint64_t a[6]);  /* NULL: not implemented (-ENOSYS) */
    const char *args;                            /* strace format, see above */
};

struct syscall_abi;   /* guest ABI constants beside the table (syscalls/sc.h) */

struct syscall_table {
    const char *arch;
    int count;                      /* entries in defs[] (index = guest syscall number) */
    const struct syscall_def *defs;
    const struct syscall_abi *abi;  /* flag values etc. of this guest; generated too */
};

/* generated tables (syscalls/<arch>_table.c, by syscalls/gen_table.py) */
extern const struct syscall_table riscv64_syscall_table;
extern const struct syscall_table aarch64_syscall_table;

/* runs the syscall in cpu's registers; returns normally, or does not return
 * (exit/exit_group end the process through tern_exit) */
void guest_syscall(struct cpu *cpu);

#endif
