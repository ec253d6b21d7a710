/* fault.h — synchronous guest faults (runner/fault.c): host faults in guest
 * code delivered to guest handlers with the precise state, and the
 * dispatcher's SIGILL/SIGTRAP/fetch-fault exits. */
#ifndef TERN_FAULT_H
#define TERN_FAULT_H

struct tern_proc;
struct cpu;
/* once, before guest code runs: the host handlers (and this thread's
 * alternate stack) */
void fault_init(struct tern_proc *p);
/* every other host thread that runs guest code: its alternate stack, and
 * freeing it when the thread is done (not on it, signals blocked) */
void fault_thread_init(void);
void fault_thread_fini(void);
/* generated code left with EXIT_SIGILL, EXIT_SIGTRAP or EXIT_FETCH_FAULT at
 * cpu->pc: the guest's handler gets the signal at the next safe point (the
 * kernel's si_code, si_addr = the pc, which stays at the insn), or, without
 * one (or blocked or ignored), tern dies of it after a one-line message */
void fault_guest_exit(struct cpu *cpu, int reason);

#endif
