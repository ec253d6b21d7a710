/* jit.h — the JIT as the runner sees it: translate, cache, enter, flush.
 *
 * Invariants: translated code is entered only through jit_enter(); it returns
 * with cpu->pc holding the next guest pc and an exit value saying why. Blocks
 * are found by guest pc in the code cache (hash table) and in the per-thread
 * jump cache inside struct cpu; direct exits are patched to chain blocks.
 */
#ifndef TERN_JIT_H
#define TERN_JIT_H

#include <stdint.h>

struct cpu;
struct tern_proc;

struct tb {
    uint64_t pc;          /* guest start */
    uint64_t end;         /* guest end (exclusive) */
    void *code;           /* host code */
    uint32_t code_size;
    uint32_t ninsns;
    struct tb *hnext;     /* hash chain */
    /* host-offset -> guest-pc table for precise faults (insn_start marks) */
    uint32_t nmarks;
    struct tb_mark { uint32_t host_off; uint64_t guest_pc; } *marks;
};

/* The value jit_enter returns: either an exit reason (< EXIT_NUM, see ir.h) with
 * cpu->pc set, or the host address of a patchable jmp rel32 displacement of a
 * direct exit whose target (cpu->pc) was not yet chained. */
typedef uintptr_t jit_exit_t;

int jit_init(struct tern_proc *p);
struct tb *jit_find(struct tern_proc *p, uint64_t pc);
struct tb *jit_translate(struct cpu *cpu, uint64_t pc);
jit_exit_t jit_enter(struct cpu *cpu, const void *code);
void jit_chain(struct tern_proc *p, jit_exit_t patch_site, struct tb *target);
/* drop every translation (fence.i, riscv_flush_icache, cache full). Safe to
 * call from the dispatcher or a syscall handler, never from generated code. */
void jit_flush(struct tern_proc *p, struct cpu *cpu);
/* bumped by every flush: a chain request from an older generation is stale */
uint64_t jit_generation(struct tern_proc *p);
/* the guest pc of the instruction whose translation contains host_pc, or 0
 * if host_pc is not in translated code (fatal-signal path: takes no lock) */
uint64_t jit_guest_pc_of(struct tern_proc *p, uintptr_t host_pc);
/* fill the inline jump cache entry for tb */
void jit_jc_set(struct cpu *cpu, struct tb *tb);

/* ---- host FP environment as the guest sees it (jit/fpu.c) ----
 * Guest FP ops run on host SSE; its accrued exception flags collect in MXCSR.
 * Flags are reported in RISC-V fflags bit order: */
#define FPF_NX 0x01  /* inexact */
#define FPF_UF 0x02  /* underflow */
#define FPF_OF 0x04  /* overflow */
#define FPF_DZ 0x08  /* divide by zero */
#define FPF_NV 0x10  /* invalid */
/* MXCSR exception-flag bits (low 6) -> FPF_* (generated code indexes it) */
extern const uint8_t fpu_mxcsr_to_fpf[64];
/* accrued flags since the last clear (host MXCSR folded into cpu->fflags) */
uint32_t fpu_get_flags(struct cpu *cpu);
/* replace the accrued flags */
void fpu_set_flags(struct cpu *cpu, uint32_t flags);
/* set the dynamic rounding mode (IR_RM_* numbering); RMM is kept in cpu->frm
 * and ops that need it go through software */
void fpu_set_rounding(struct cpu *cpu, int rm);
/* put the guest's FP environment in MXCSR (on entry from the dispatcher) */
void fpu_load(struct cpu *cpu);

#endif
