/* arch.c — the riscv64 entry in the runner's table of guests: identity, -cpu
 * models, address-space layout, syscall ABI registers and the frontend hooks.
 *
 * Invariants: the hwcap of a model advertises exactly the single-letter
 * extensions its feature bits let the translator execute (the kernel's
 * COMPAT_HWCAP_ISA_* bits: 1 << (letter - 'a')); the layout follows Sv39, the
 * smallest user address space Linux riscv64 offers, so every guest that runs
 * on real hardware fits.
 */
#include <elf.h>
#include <string.h>

#include "frontends/riscv64/rv_internal.h"
#include "syscalls/syscall.h"

extern const struct syscall_table riscv64_syscall_table;

#define ISA(c) (1ull << ((c) - 'a'))

#define HWCAP_IMA   (ISA('i') | ISA('m') | ISA('a'))
#define HWCAP_IMAC  (HWCAP_IMA | ISA('c'))
#define HWCAP_GC    (HWCAP_IMAC | ISA('f') | ISA('d'))

#define FEAT_BASE   (RV_F_ZICSR | RV_F_ZIFENCEI | RV_F_C)
#define FEAT_GC     (FEAT_BASE | RV_F_FD)
#define FEAT_MAX    (FEAT_GC | RV_F_ZBA | RV_F_ZBB | RV_F_ZBS)

static const struct cpu_model riscv64_models[] = {
    { "max", "RV64GC with Zba, Zbb, Zbs (default)", FEAT_MAX, HWCAP_GC, 0 },
    { "rv64gc", "RV64IMAFDC, Zicsr, Zifencei", FEAT_GC, HWCAP_GC, 0 },
    { "rv64imac", "RV64IMAC, Zicsr, Zifencei (no floating point)", FEAT_BASE, HWCAP_IMAC, 0 },
    { NULL, NULL, 0, 0, 0 },
};

static void riscv64_cpu_reset(struct cpu *cpu, const struct cpu_model *m)
{
    (void)m;
    memset(cpu->gpr, 0, sizeof(cpu->gpr));
    memset(cpu->fpr, 0, sizeof(cpu->fpr));
    cpu->pc = 0;
    cpu->frm = 0;
    cpu->fflags = 0;
    cpu->res_addr = ~0ull;
    cpu->res_val = 0;
}

/* sigframe.c */
int rv_sig_setup_frame(struct cpu *cpu, const struct sig_frame *f);
int rv_sig_restore_frame(struct cpu *cpu, uint64_t *ucontext, uint8_t badinfo[128]);

const struct guest_arch arch_riscv64 = {
    .name = "riscv64",
    .e_machine = EM_RISCV,
    .uname_machine = "riscv64",
    .platform = "riscv64",
    .models = riscv64_models,
    .stack_top = 0x4000000000ull,
    .mmap_base = 0x2000000000ull,
    .task_size = 0x4000000000ull,
    .sc_nr_reg = RV_A7,
    .sc_arg_reg = { RV_A0, RV_A1, RV_A2, RV_A3, RV_A4, RV_A5 },
    .sc_ret_reg = RV_A0,
    .sp_reg = RV_SP,
    .syscalls = &riscv64_syscall_table,
    .cpu_reset = riscv64_cpu_reset,
    .translate = rv_translate,
    .disas = rv_disas,
    .sig_setup_frame = rv_sig_setup_frame,
    .sig_restore_frame = rv_sig_restore_frame,
    .sig_tramp = { 0x08b00893, 0x00000073 },   /* li a7, 139 (rt_sigreturn); ecall */
    .sig_minstksz = 2048,                      /* asm-generic MINSIGSTKSZ */
};
