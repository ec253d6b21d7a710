/* trans_ldst.h — what the loads-and-stores files share: the trans_* handlers
 * that trans_ldst.c's table names but other trans_ldst_*.c files define, and
 * the helpers they call from generated code.
 *
 * Invariants: every handler follows a64_internal.h's contract (refuse only
 * before building IR); helpers take struct cpu * and touch guest memory only
 * at the address they are given.
 */
#ifndef TERN_A64_TRANS_LDST_H
#define TERN_A64_TRANS_LDST_H

#include "frontends/aarch64/a64_internal.h"

/* trans_ldst_excl.c: exclusives, load-acquire/store-release, LSE atomics */
bool a64_trans_ldst_excl(struct a64_ctx *s, uint32_t insn);
bool a64_trans_ldst_atomic(struct a64_ctx *s, uint32_t insn);

/* trans_ldst_simd.c: AdvSIMD structure loads/stores (multiple and single) */
bool a64_trans_ldst_struct(struct a64_ctx *s, uint32_t insn);

/* ldst_helpers.c: the exclusives' and CASP's compare-and-swaps */
/* store-exclusive of 1 << size bytes: 0 on success, 1 on failure; always
 * clears the monitor */
uint64_t a64_helper_stxr(struct cpu *cpu, uint64_t addr, uint64_t val, uint64_t size, uint64_t u);
/* store-exclusive pair of two X registers (16 bytes, cmpxchg16b) */
uint64_t a64_helper_stxp(struct cpu *cpu, uint64_t addr, uint64_t lo, uint64_t hi, uint64_t u);
/* CASP of X registers: compare X[rs]:X[rs+1], store X[rt]:X[rt+1]; rs/rt
 * packed as rs | rt << 8; writes the old pair to X[rs], X[rs+1] */
uint64_t a64_helper_casp(struct cpu *cpu, uint64_t addr, uint64_t regs, uint64_t u2, uint64_t u3);
/* trans_ldst_simd.c: LD2..LD4/ST2..ST4 (multiple structures); desc packs
 * the insn fields (DESC there) */
uint64_t a64_helper_ldst_struct(struct cpu *cpu, uint64_t addr, uint64_t desc, uint64_t u2,
                                uint64_t u3);

#endif
