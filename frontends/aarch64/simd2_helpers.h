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

#include "runner/cpu.h"

/* ---- simd2_shift.c: shift by immediate. sz = log2 of the element size in
 * bytes (the narrow element for SHRN-type ops); sh = the decoded shift
 * amount (right: 1..esize, left: 0..esize-1); the other shifts are built
 * inline ---- */
/* SQSHL/UQSHL/SQSHLU (immediate) */
uint64_t a64_helper_qshl_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3);
/* SQSHRN/UQSHRN/SQRSHRN/UQRSHRN, SQSHRUN/SQRSHRUN (and "2"), vector and scalar */
uint64_t a64_helper_shrn_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3);

/* ---- simd2_long.c: three different and by-element integer. idx is the
 * element index of a by-element form; sz = log2 of the narrow element ---- */
/* S/U ADDL, ADDW, SUBL, SUBW, ABAL, ABDL, MLAL, MLSL, MULL (and "2"): one
 * helper per operation (trans_simd2.c builds the 16/32-bit-lane ADD/SUB/ML*
 * forms inline, so these serve 8-bit lanes and the absolute differences) */
uint64_t a64_helper_addl3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_addw3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_subl3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_subw3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_abal3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_abdl3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_mlal3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_mlsl3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_mull3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
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
/* SHA256H (part1 = 1) and SHA256H2 (part1 = 0): portable, and with the
 * host's SHA extensions */
uint64_t a64_helper_sha256h(struct cpu *cpu, uint64_t insn, uint64_t part1, uint64_t u2,
                            uint64_t u3);
uint64_t a64_helper_sha256h_ni(struct cpu *cpu, uint64_t insn, uint64_t part1, uint64_t u2,
                               uint64_t u3);
uint64_t a64_helper_sha256su0(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_sha256su1(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3);

/* ---- for the helper files: V registers as two 64-bit words. Generated
 * code reads and writes V registers in 64-bit halves, so helpers do the
 * same and assemble lanes with shifts in registers: a result built in
 * memory with narrow lane stores and then read back whole stalls the
 * store-to-load forwarding, which used to cost most of a helper's time. ---- */
typedef struct {
    uint64_t w[2];
} v2reg;

static inline v2reg v2_get(const struct cpu *cpu, unsigned r)
{
    v2reg v = { { cpu->vreg[r & 31][0], cpu->vreg[r & 31][1] } };
    return v;
}
static inline void v2_put(struct cpu *cpu, unsigned r, v2reg v)
{
    cpu->vreg[r & 31][0] = v.w[0];
    cpu->vreg[r & 31][1] = v.w[1];
}

#define V2_LANES_PER_WORD(sz) (8u >> (sz))
static inline uint64_t v2_mask(unsigned sz)
{
    return sz >= 3 ? ~0ull : (1ull << (8u << sz)) - 1;
}
/* lane i of 1 << sz bytes, zero- / sign-extended */
static inline uint64_t v2_lane(const v2reg *v, unsigned sz, unsigned i)
{
    if (sz >= 3)
        return v->w[i & 1];
    unsigned per = V2_LANES_PER_WORD(sz);
    return (v->w[i / per] >> ((i % per) << (3 + sz))) & v2_mask(sz);
}
static inline int64_t v2_slane(const v2reg *v, unsigned sz, unsigned i)
{
    unsigned bits = 8u << sz;
    uint64_t x = v2_lane(v, sz, i);
    return bits >= 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}
static inline void v2_set_lane(v2reg *v, unsigned sz, unsigned i, uint64_t x)
{
    if (sz >= 3) {
        v->w[i & 1] = x;
        return;
    }
    unsigned per = V2_LANES_PER_WORD(sz), sh = (i % per) << (3 + sz);
    uint64_t m = v2_mask(sz) << sh;
    v->w[i / per] = (v->w[i / per] & ~m) | ((x << sh) & m);
}

/* which lanes of 1 << sz bytes an insn's result has (bit i: lane i): all 16
 * >> sz of a Q = 1 vector, the low half's for Q = 0, lane 0 for a scalar
 * (bit 28 set). Helpers compute every lane with constant-count loops and
 * then drop the others (v2_put_shaped) and their saturation (QC) bits. */
static inline uint32_t v2_valid_lanes(uint64_t insn, unsigned sz)
{
    if ((insn >> 28) & 1)
        return 1;
    return (insn >> 30) & 1 ? (1u << (16u >> sz)) - 1 : (1u << (8u >> sz)) - 1;
}
/* write a same-width result to Vd (bits 0..4 of insn): a scalar keeps lane 0
 * only, a Q = 0 vector its low half */
static inline void v2_put_shaped(struct cpu *cpu, uint64_t insn, unsigned sz, v2reg r)
{
    if ((insn >> 28) & 1) {
        r.w[0] &= v2_mask(sz);
        r.w[1] = 0;
    } else if (!((insn >> 30) & 1)) {
        r.w[1] = 0;
    }
    v2_put(cpu, (unsigned)insn & 31, r);
}
/* a narrow 64-bit result: the upper half of Vd for a vector "2" form (the low
 * half kept), else the lower half with bits 127:64 cleared; a scalar keeps
 * lane 0 only */
static inline void v2_put_narrow(struct cpu *cpu, uint64_t insn, unsigned sz, uint64_t w)
{
    unsigned rd = (unsigned)insn & 31;
    if ((insn >> 28) & 1) {
        cpu->vreg[rd][0] = w & v2_mask(sz);
        cpu->vreg[rd][1] = 0;
    } else if ((insn >> 30) & 1) {
        cpu->vreg[rd][1] = w;
    } else {
        cpu->vreg[rd][0] = w;
        cpu->vreg[rd][1] = 0;
    }
}
#define V2_UNROLL _Pragma("GCC unroll 16")

/* ---- for the helper files: run body(SZ, args...) with SZ a constant equal
 * to sz, so lane accessors and per-size arithmetic fold at compile time.
 * FOR_SZ012 is for ops whose element doubles (SZ + 1 must stay a size),
 * FOR_SZ12 for the 16/32-bit-only ones. ---- */
#define SIMD2_INLINE static inline __attribute__((always_inline))
#define FOR_SZ(sz, body, ...)                                  \
    do {                                                       \
        switch (sz) {                                          \
        case 0: body(0, __VA_ARGS__); break;                   \
        case 1: body(1, __VA_ARGS__); break;                   \
        case 2: body(2, __VA_ARGS__); break;                   \
        default: body(3, __VA_ARGS__); break;                  \
        }                                                      \
    } while (0)
#define FOR_SZ012(sz, body, ...)                               \
    do {                                                       \
        switch (sz) {                                          \
        case 0: body(0, __VA_ARGS__); break;                   \
        case 1: body(1, __VA_ARGS__); break;                   \
        default: body(2, __VA_ARGS__); break;                  \
        }                                                      \
    } while (0)
#define FOR_SZ12(sz, body, ...)                                \
    do {                                                       \
        if ((sz) == 1)                                         \
            body(1, __VA_ARGS__);                              \
        else                                                   \
            body(2, __VA_ARGS__);                              \
    } while (0)

#endif
