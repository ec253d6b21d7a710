/* arch.c — the aarch64 entry in the runner's table of guests: identity, -cpu
 * models, address-space layout, syscall ABI registers and the frontend hooks.
 *
 * Invariants: a model's hwcap advertises exactly what its feature bits let the
 * translator execute (the -cpu choice narrows both together); the layout is
 * the 39-bit VA split (4 KiB pages, 3 levels) that the smallest arm64 Linux
 * configurations use, so every guest that runs on real hardware fits.
 */
#include <elf.h>
#include <string.h>

#include "frontends/aarch64/a64_internal.h"
#include "syscalls/syscall.h"

#define FEAT_V80   (A64_F_FP | A64_F_SIMD)
#define FEAT_A53   (FEAT_V80 | A64_F_AES | A64_F_PMULL | A64_F_SHA1 | A64_F_SHA2 | A64_F_CRC32)
#define FEAT_MAX   (FEAT_A53 | A64_F_LSE | A64_F_LRCPC)

#define HWCAP_V80  (A64_HWCAP_FP | A64_HWCAP_ASIMD | A64_HWCAP_CPUID)
#define HWCAP_A53  (HWCAP_V80 | A64_HWCAP_AES | A64_HWCAP_PMULL | A64_HWCAP_SHA1 | \
                    A64_HWCAP_SHA2 | A64_HWCAP_CRC32)
#define HWCAP_MAX  (HWCAP_A53 | A64_HWCAP_ATOMICS | A64_HWCAP_LRCPC)

static const struct cpu_model aarch64_models[] = {
    { "max", "ARMv8.0 + crypto (AES, PMULL, SHA1, SHA2), CRC32, LSE atomics, LDAPR (default)",
      FEAT_MAX, HWCAP_MAX, 0 },
    { "cortex-a53", "ARMv8.0 + crypto, CRC32 (no LSE atomics)", FEAT_A53, HWCAP_A53, 0 },
    { "armv8", "ARMv8.0 FP and Advanced SIMD only", FEAT_V80, HWCAP_V80, 0 },
    { NULL, NULL, 0, 0, 0 },
};

static void aarch64_cpu_reset(struct cpu *cpu, const struct cpu_model *m)
{
    (void)m;
    memset(cpu->gpr, 0, sizeof(cpu->gpr));
    memset(cpu->vreg, 0, sizeof(cpu->vreg));
    cpu->pc = 0;
    cpu->nf = cpu->cf = cpu->vf = 0;
    cpu->zf = 1;                 /* Z clear */
    cpu->fpcr = 0;
    cpu->fpsr = 0;
    cpu->frm = 0;
    cpu->fflags = 0;
    cpu->tpidr_el0 = cpu->tpidrro_el0 = 0;
    cpu->res_addr = ~0ull;
    cpu->res_val = cpu->res_val2 = 0;
}

/* sigframe.c */
int a64_sig_setup_frame(struct cpu *cpu, const struct sig_frame *f);
int a64_sig_restore_frame(struct cpu *cpu, uint64_t *ucontext, uint8_t badinfo[128]);

const struct guest_arch arch_aarch64 = {
    .name = "aarch64",
    .e_machine = EM_AARCH64,
    .uname_machine = "aarch64",
    .platform = "aarch64",
    .models = aarch64_models,
    .stack_top = 0x8000000000ull,
    .mmap_base = 0x4000000000ull,
    .task_size = 0x8000000000ull,
    .sc_nr_reg = A64_X8,
    .sc_arg_reg = { 0, 1, 2, 3, 4, 5 },
    .sc_ret_reg = A64_X0,
    .sp_reg = A64_SP,
    .syscalls = &aarch64_syscall_table,
    .cpu_reset = aarch64_cpu_reset,
    .translate = a64_translate,
    .disas = a64_disas,
    .sig_setup_frame = a64_sig_setup_frame,
    .sig_restore_frame = a64_sig_restore_frame,
    .sig_tramp = { 0xd2801168, 0xd4000001 },   /* mov x8, #139 (rt_sigreturn); svc #0 */
    .sig_minstksz = 5120,                      /* arm64 MINSIGSTKSZ */
};
