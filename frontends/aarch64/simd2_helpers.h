/* simd2_helpers.h — the C helpers behind trans_simd2.c (AdvSIMD shifts by
 * immediate, three-different, integer by-element) and trans_crypto.c (AES,
 * SHA-1, SHA-256, and the 64-bit PMULL they pair with).
 *
 * Calling convention (gen_call, IR_CALL_RW_VEC): every helper gets the raw
 * insn word as its first argument (registers, Q, U, size, opcode; see
 * a64_vec.h) plus whatever the translator already decoded (element size,
 * shift amount), reads its sources from cpu->vreg, writes Vd whole (a Q = 0
 * or scalar result zeroes the bits above it, a "2" narrowing result keeps the
 * low half) and ORs FPSR.QC into cpu->fpsr when a lane saturated. The
 * translator has already refused every reserved encoding, so helpers do not
 * check again. Return values are unused (0).
 */
#ifndef TERN_A64_SIMD2_HELPERS_H
#define TERN_A64_SIMD2_HELPERS_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

/* ---- simd2_shift.c: shift by immediate. sz = log2 of the element size in
 * bytes (the narrow element for SHRN-type and SSHLL-type ops); sh = the
 * decoded shift amount (right: 1..esize, left: 0..esize-1) ---- */
/* SSHR/USHR/SRSHR/URSHR/SSRA/USRA/SRSRA/URSRA, vector and scalar */
uint64_t a64_helper_shr_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3);
/* SHL, SLI, SRI */
uint64_t a64_helper_shl_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3);
uint64_t a64_helper_sli_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3);
uint64_t a64_helper_sri_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3);
/* SQSHL/UQSHL/SQSHLU (immediate) */
uint64_t a64_helper_qshl_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3);
/* SHRN/RSHRN, SQSHRN/UQSHRN/SQRSHRN/UQRSHRN, SQSHRUN/SQRSHRUN (and "2") */
uint64_t a64_helper_shrn_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3);
/* SSHLL/USHLL (and "2") */
uint64_t a64_helper_shll_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3);

/* ---- simd2_long.c: three different and by-element integer. idx is the
 * element index of a by-element form; sz = log2 of the narrow element ---- */
/* S/U ADDL, ADDW, SUBL, SUBW, ABAL, ABDL, MLAL, MLSL, MULL (and "2") */
uint64_t a64_helper_long3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
/* ADDHN, RADDHN, SUBHN, RSUBHN (and "2") */
uint64_t a64_helper_hn3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
/* SQDMLAL, SQDMLSL, SQDMULL, vector and scalar (and "2") */
uint64_t a64_helper_sqdml3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
/* PMULL/PMULL2 of 8-bit lanes */
uint64_t a64_helper_pmull8(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
/* PMULL/PMULL2 of 64-bit lanes: portable, and with the host's PCLMULQDQ */
uint64_t a64_helper_pmull64(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_pmull64_clmul(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2,
                                  uint64_t u3);
/* by element: MUL, MLA, MLS (vector) */
uint64_t a64_helper_mul_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2, uint64_t u3);
/* by element: S/U MULL, MLAL, MLSL (and "2") */
uint64_t a64_helper_long_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2, uint64_t u3);
/* by element: SQDMULL, SQDMLAL, SQDMLSL, vector and scalar (and "2") */
uint64_t a64_helper_sqdml_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2,
                               uint64_t u3);
/* by element: SQDMULH, SQRDMULH, SQRDMLAH, SQRDMLSH, vector and scalar */
uint64_t a64_helper_qdmulh_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2,
                                uint64_t u3);

/* ---- crypto_aes.c: portable tables, and the host's AES-NI ---- */
uint64_t a64_helper_aese(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_aesd(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_aesmc(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_aesimc(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_aese_ni(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_aesd_ni(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_aesmc_ni(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_aesimc_ni(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2,
                              uint64_t u3);

/* ---- crypto_sha.c ---- */
/* SHA1C, SHA1P, SHA1M (opcode bits 14:12 = 000, 001, 010) */
uint64_t a64_helper_sha1_hash(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_sha1su0(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_sha1h(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_sha1su1(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
/* SHA256H (part1 = 1) and SHA256H2 (part1 = 0) */
uint64_t a64_helper_sha256h(struct cpu *cpu, uint64_t insn, uint64_t part1, uint64_t u2,
                            uint64_t u3);
uint64_t a64_helper_sha256su0(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_sha256su1(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);

#endif
