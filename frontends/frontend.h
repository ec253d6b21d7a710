/* frontend.h — what each guest architecture provides to the runner and the JIT.
 *
 * One `struct guest_arch` per guest (frontends/<arch>/). The runner picks it from
 * the ELF header's e_machine (or the tern-<arch> link name) and never branches
 * on the architecture itself: every difference lives behind this table.
 *
 * Translation contract (translate):
 *  - build IR for the block starting at b->guest_pc with gen_* (jit/ir.h);
 *  - fetch instruction bytes only through guest_fetch() (runner/mm.h), which
 *    refuses pages that are not mapped executable;
 *  - emit gen_insn_start(pc) before each guest insn;
 *  - stop after TB_MAX_INSNS insns, or before an insn that starts on another
 *    4 KiB page than the first one, ending with gen_goto(next_pc);
 *  - an undecodable insn ends the block with gen_exit(EXIT_SIGILL, pc) after
 *    setting cpu->exit_arg to the insn word (gen_set of CPU_OFF(exit_arg));
 *  - a fetch failure at the block's first insn ends it with
 *    gen_exit(EXIT_FETCH_FAULT, pc); later in the block, just end the block
 *    with gen_goto(pc) so the fault is raised when that pc is reached;
 *  - set b->guest_end and b->ninsns; return 0.
 */
#ifndef TERN_FRONTEND_H
#define TERN_FRONTEND_H

#include <stddef.h>
#include <stdint.h>

#include "jit/ir.h"
#include "runner/cpu.h"

#define TB_MAX_INSNS 256

struct tern_proc;
struct syscall_table;
struct sig_frame;

/* A -cpu model: a name and the feature bits the frontend honours. */
struct cpu_model {
    const char *name;
    const char *desc;
    uint64_t features;  /* arch-specific feature bits (e.g. RV_EXT_* ) */
    uint64_t hwcap;     /* AT_HWCAP advertised to the guest */
    uint64_t hwcap2;    /* AT_HWCAP2 */
};

/* What the translator needs besides the IR block. */
struct tcontext {
    struct tern_proc *proc;
    const struct cpu_model *model;
};

struct guest_arch {
    const char *name;            /* "riscv64": also the tern-<name> link suffix */
    uint16_t e_machine;          /* EM_RISCV */
    const char *uname_machine;   /* what uname(2) reports */
    const char *platform;        /* AT_PLATFORM string */
    const struct cpu_model *models;  /* array ending with {NULL}; [0] is the default */
    uint64_t stack_top;          /* where the initial stack ends (exclusive) */
    uint64_t mmap_base;          /* where guest mmap(NULL) searching starts */
    uint64_t task_size;          /* guest addresses stay below this */
    /* syscall ABI: register numbers in cpu->gpr */
    int sc_nr_reg;
    int sc_arg_reg[6];
    int sc_ret_reg;
    int sp_reg;
    const struct syscall_table *syscalls;

    void (*cpu_reset)(struct cpu *cpu, const struct cpu_model *m);
    int (*translate)(struct tcontext *tc, struct ir_block *b);
    /* disassemble one insn at pc from bytes[0..avail); writes text, returns the
     * insn length in bytes, or 0 if it does not decode (text then says so) */
    int (*disas)(uint64_t pc, const uint8_t *bytes, size_t avail, char *out, size_t outlen);

    /* signals (frontends/<arch>/sigframe.c, the contract in runner/signal.h):
     * build the kernel's rt_sigframe for a handler and point the registers at
     * it (0, or -1 when the stack cannot take it); rt_sigreturn: restore the
     * registers from the frame at the guest sp and give the address of its
     * ucontext: 0, -1 for a frame the kernel refuses after restoring, -2 for
     * one it cannot read (nothing restored); badinfo is then the siginfo of
     * the SIGSEGV the kernel forces */
    int (*sig_setup_frame)(struct cpu *cpu, const struct sig_frame *f);
    int (*sig_restore_frame)(struct cpu *cpu, uint64_t *ucontext, uint8_t badinfo[128]);
    uint32_t sig_tramp[2];   /* rt_sigreturn insns a handler returns through
                                when it has no sa_restorer and the vDSO is off
                                (-vdso off; docs/vdso.md) */
    uint32_t sig_minstksz;   /* MINSIGSTKSZ: the smallest sigaltstack */
};

extern const struct guest_arch arch_riscv64;
extern const struct guest_arch arch_aarch64;

/* all known guests, NULL-terminated (runner/arch.c) */
extern const struct guest_arch *const guest_arches[];
const struct guest_arch *arch_by_name(const char *name);
const struct guest_arch *arch_by_machine(uint16_t e_machine);

#endif
