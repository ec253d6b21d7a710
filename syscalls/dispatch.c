/* dispatch.c — guest_syscall(): the entry from the cpu loop into the syscall
 * layer.
 *
 * Reads the number and six arguments from the registers the guest arch names
 * (struct guest_arch sc_nr_reg / sc_arg_reg), looks the number up in the
 * arch's generated table, runs the handler and writes its result (a value, or
 * -errno as the kernel returns it) to sc_ret_reg. A number with no handler is
 * -ENOSYS, logged under `-d unimp`. Under `-strace` each call is printed, qemu
 * style, after it returns (exit/exit_group print before, since they do not).
 *
 * Invariants: no state; the pc is advanced by the caller (EXIT_SYSCALL).
 */
#include <string.h>

#include "runner/log.h"
#include "syscalls/sc.h"

#define STRACE_LINE 1024

void guest_syscall(struct cpu *cpu)
{
    const struct guest_arch *arch = cpu->proc->arch;
    const struct syscall_table *t = arch->syscalls;
    uint64_t nr = cpu->gpr[arch->sc_nr_reg];
    uint64_t a[6], orig[6];
    for (int i = 0; i < 6; i++)
        a[i] = orig[i] = cpu->gpr[arch->sc_arg_reg[i]];

    const struct syscall_def *d = t && nr < (uint64_t)t->count ? &t->defs[nr] : NULL;
    bool strace = log_enabled(LOG_strace);
    char line[STRACE_LINE];
    long ret;

    if (!d || !d->fn) {
        if (log_enabled(LOG_unimp)) {
            if (d && d->name)
                log_printf("unimplemented syscall: %s (%llu)\n", d->name,
                           (unsigned long long)nr);
            else
                log_printf("unimplemented syscall: unknown number %llu\n",
                           (unsigned long long)nr);
        }
        ret = -ENOSYS;
    } else {
        if (strace && (d->fn == sc_exit || d->fn == sc_exit_group)) {
            strace_format_call(cpu, d, nr, orig, 0, false, line, sizeof line);
            log_printf("%s\n", line);
        }
        ret = d->fn(cpu, a);
    }
    if (strace) {
        strace_format_call(cpu, d, nr, orig, ret, true, line, sizeof line);
        log_printf("%s\n", line);
    }
    cpu->gpr[arch->sc_ret_reg] = (uint64_t)ret;
}
