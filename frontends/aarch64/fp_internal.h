/* fp_internal.h — what the aarch64 FP files share: the software twin the
 * backend calls for Arm FP ops (IR_FP_ARM), the helpers the scalar and
 * AdvSIMD FP translators call, and the bridge between an fp_arm context and
 * the guest's FPCR/FPSR.
 *
 * Flag bridge (see helpers.c): the IEEE cumulative flags accrue in
 * cpu->fflags (FPF_* bits, with the host MXCSR's), IDC in cpu->fpsr. A
 * helper starts a struct fpa from cpu->fpcr with no flags and hands what it
 * raised back with fp_flags_out().
 */
#ifndef TERN_A64_FP_INTERNAL_H
#define TERN_A64_FP_INTERNAL_H

#include "frontends/aarch64/a64_internal.h"
#include "frontends/aarch64/fp_arm.h"

static inline struct fpa fp_ctx(const struct cpu *cpu)
{
    struct fpa c = {cpu->fpcr, 0};
    return c;
}
/* accrue c->flags into the guest's FPSR */
void fp_flags_out(struct cpu *cpu, const struct fpa *c);

/* IR_RM_* (RNE/RTZ/RDN/RUP/RMM/DYN) -> FPA_R* */
int fp_rm_of_ir(const struct cpu *cpu, int rm);

/* fp_hook.c: the software twin of every IR_FP_ARM op (jit protocol, ir.h) */
void a64_fp_hook(struct cpu *cpu);

/* fp_hook.c: scalar helpers (gen_call, IR_CALL_RW_VEC) */
/* FCVTZS/FCVTZU to fixed point: desc = fmt | fbits << 4 | unsigned << 12 | ibits << 16 */
uint64_t a64_helper_fp_to_fixed(struct cpu *cpu, uint64_t a, uint64_t desc, uint64_t u2,
                                uint64_t u3);
/* FCVT between half and single/double: the insn word (Vd, Vn, formats) */
uint64_t a64_helper_fcvt_h(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);

/* ---- shared with trans_simdfp.c ---- */
/* VFPExpandImm: the 8-bit FMOV immediate as a float of format fmt */
uint64_t fp_expand_imm(int fmt, unsigned imm8);

#endif
