/* dispatch.h — the per-thread cpu loop (never returns: the guest ends the
 * process through exit/exit_group or a fatal signal). */
#ifndef TERN_DISPATCH_H
#define TERN_DISPATCH_H

struct cpu;
void cpu_loop(struct cpu *cpu) __attribute__((noreturn));

#endif
