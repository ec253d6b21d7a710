/* simd_helpers.h — the AdvSIMD integer helpers trans_simd.c calls
 * (simd_int.c, simd_misc.c, simd_perm.c).
 *
 * Every helper has the gen_call ABI, takes the insn word in a0 and picks its
 * registers, size and Q from it (a64_vec.h), reads only cpu->vreg and writes
 * Vd and, for saturating ops, FPSR.QC in cpu->fpsr: call them with
 * IR_CALL_RW_VEC. They assume the encoding is allocated (trans_simd.c
 * refuses the reserved size/Q combinations before calling).
 */
#ifndef TERN_A64_SIMD_HELPERS_H
#define TERN_A64_SIMD_HELPERS_H

#include <stdint.h>

#include "runner/cpu.h"

typedef uint64_t (*a64_vh_fn)(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2,
                              uint64_t u3);

#define A64_VH_DECL(name) \
    uint64_t a64_vh_##name(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);

/* three same, lane by lane (vector and scalar forms) */
A64_VH_DECL(shadd) A64_VH_DECL(uhadd) A64_VH_DECL(srhadd) A64_VH_DECL(urhadd)
A64_VH_DECL(shsub) A64_VH_DECL(uhsub)
A64_VH_DECL(sqadd) A64_VH_DECL(uqadd) A64_VH_DECL(sqsub) A64_VH_DECL(uqsub)
A64_VH_DECL(sshl) A64_VH_DECL(ushl) A64_VH_DECL(srshl) A64_VH_DECL(urshl)
A64_VH_DECL(sqshl) A64_VH_DECL(uqshl) A64_VH_DECL(sqrshl) A64_VH_DECL(uqrshl)
A64_VH_DECL(smax) A64_VH_DECL(smin) A64_VH_DECL(umax) A64_VH_DECL(umin)
A64_VH_DECL(sabd) A64_VH_DECL(uabd) A64_VH_DECL(saba) A64_VH_DECL(uaba)
A64_VH_DECL(mul) A64_VH_DECL(mla) A64_VH_DECL(mls) A64_VH_DECL(pmul)
A64_VH_DECL(sqdmulh) A64_VH_DECL(sqrdmulh)
/* three same, pairwise */
A64_VH_DECL(smaxp) A64_VH_DECL(sminp) A64_VH_DECL(umaxp) A64_VH_DECL(uminp) A64_VH_DECL(addp)

/* two-reg misc, lane by lane (vector and scalar forms) */
A64_VH_DECL(cls) A64_VH_DECL(clz) A64_VH_DECL(cnt) A64_VH_DECL(rbit)
A64_VH_DECL(abs) A64_VH_DECL(neg) A64_VH_DECL(sqabs) A64_VH_DECL(sqneg)
A64_VH_DECL(cmgt0) A64_VH_DECL(cmge0) A64_VH_DECL(cmeq0) A64_VH_DECL(cmle0) A64_VH_DECL(cmlt0)
A64_VH_DECL(suqadd) A64_VH_DECL(usqadd)
/* two-reg misc, other layouts */
A64_VH_DECL(saddlp) A64_VH_DECL(uaddlp) A64_VH_DECL(sadalp) A64_VH_DECL(uadalp)
A64_VH_DECL(xtn) A64_VH_DECL(sqxtn) A64_VH_DECL(uqxtn) A64_VH_DECL(sqxtun)
A64_VH_DECL(shll) A64_VH_DECL(rev)
/* across lanes */
A64_VH_DECL(addv) A64_VH_DECL(saddlv) A64_VH_DECL(uaddlv)
A64_VH_DECL(smaxv) A64_VH_DECL(sminv) A64_VH_DECL(umaxv) A64_VH_DECL(uminv)
/* permutes */
A64_VH_DECL(tbl)
A64_VH_DECL(zip1) A64_VH_DECL(zip2) A64_VH_DECL(uzp1) A64_VH_DECL(uzp2)
A64_VH_DECL(trn1) A64_VH_DECL(trn2)

#endif
