/* fp_simd.h — the AdvSIMD floating-point helpers (fp_simd.c) and the
 * operation codes trans_simdfp.c passes them.
 *
 * Every helper is `uint64_t fn(struct cpu *, insn, op, u2, u3)`, called with
 * IR_CALL_RW_VEC: it reads Vn/Vm/Vd from cpu->vreg, computes the whole result
 * with fp_arm.c under cpu->fpcr, then writes Vd (64-bit forms and scalar forms
 * clear the rest) and accrues FPSR. The insn word carries the registers,
 * Q, sz and the form (bit 28: scalar); op is the decoded operation, so the
 * helpers never re-decode what the translator refused.
 */
#ifndef TERN_A64_FP_SIMD_H
#define TERN_A64_FP_SIMD_H

#include <stdint.h>

struct cpu;

/* element-wise two-operand ops (three-same, by element, pairwise, across) */
enum fps_op2 {
    FPS_ADD, FPS_SUB, FPS_MUL, FPS_DIV, FPS_MAX, FPS_MIN, FPS_MAXNM, FPS_MINNM,
    FPS_MULX, FPS_ABD, FPS_RECPS, FPS_RSQRTS, FPS_CMEQ, FPS_CMGE, FPS_CMGT,
    FPS_ACGE, FPS_ACGT, FPS_MLA, FPS_MLS,
    FPS_PAIRWISE = 0x100,   /* flag: operands are adjacent pairs of Vm:Vn */
};

/* element-wise one-operand ops (two-register misc) */
enum fps_op1 {
    FPS_ABS, FPS_NEG, FPS_SQRT, FPS_RINTN, FPS_RINTP, FPS_RINTM, FPS_RINTZ, FPS_RINTA,
    FPS_RINTX, FPS_RINTI, FPS_CVTNS, FPS_CVTPS, FPS_CVTMS, FPS_CVTZS, FPS_CVTAS,
    FPS_CVTNU, FPS_CVTPU, FPS_CVTMU, FPS_CVTZU, FPS_CVTAU, FPS_SCVTF, FPS_UCVTF,
    FPS_RECPE, FPS_RSQRTE, FPS_RECPX, FPS_URECPE, FPS_URSQRTE,
    FPS_CMGT0, FPS_CMGE0, FPS_CMEQ0, FPS_CMLE0, FPS_CMLT0,
};

/* three-same (vector, scalar and pairwise forms): Vd = op(Vn, Vm) */
uint64_t a64_helper_fps_3same(struct cpu *cpu, uint64_t insn, uint64_t op, uint64_t u2, uint64_t u3);
/* by element: Vd = op(Vn, Vm[index]) (vector and scalar) */
uint64_t a64_helper_fps_elem(struct cpu *cpu, uint64_t insn, uint64_t op, uint64_t u2, uint64_t u3);
/* two-register misc (vector and scalar): Vd = op(Vn) */
uint64_t a64_helper_fps_2misc(struct cpu *cpu, uint64_t insn, uint64_t op, uint64_t u2, uint64_t u3);
/* FCVTL(2), FCVTN(2), FCVTXN(2) (vector), FCVTXN (scalar) */
uint64_t a64_helper_fps_cvtlen(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
/* across lanes (FMAXV...) and scalar pairwise (FADDP...): op over Vn's lanes */
uint64_t a64_helper_fps_reduce(struct cpu *cpu, uint64_t insn, uint64_t op, uint64_t u2, uint64_t u3);
/* shift by immediate: SCVTF/UCVTF/FCVTZS/FCVTZU with fbits (vector and scalar) */
uint64_t a64_helper_fps_fixed(struct cpu *cpu, uint64_t insn, uint64_t op, uint64_t u2, uint64_t u3);

#endif
