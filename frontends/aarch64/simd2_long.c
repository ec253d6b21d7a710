/* simd2_long.c — helpers for the AdvSIMD "three different" class (widening
 * add/sub/abs-diff/multiply, high-half narrowing add/sub, saturating
 * doubling multiplies, PMULL) and the integer "x indexed element" class
 * (MUL/MLA/MLS, widening multiplies, SQDMULL/SQDMLAL/SQDMLSL,
 * SQDMULH/SQRDMULH/SQRDMLAH/SQRDMLSH), vector and scalar.
 *
 * A by-element form is its vector form with the second operand replaced by
 * the indexed element of Vm repeated in every lane, so both classes share
 * one core per operation. trans_simd2.c has refused the reserved sizes and
 * passes the element index; the helpers read Rd, Rn, Rm, size, Q, U and the
 * scalar bit (28) from the insn word.
 *
 * Invariants: products of narrow lanes (at most 32 x 32 bits) are exact in
 * 64 bits; doubled products and accumulations that can leave 64 bits use
 * __int128 before saturating; results are built locally and written to Vd
 * whole (Vd may alias a source); narrowing "2" forms keep the low half of Vd,
 * everything else zeroes what it does not write; saturation sets FPSR.QC.
 */
#include <immintrin.h>

#include "frontends/aarch64/a64_vec.h"
#include "frontends/aarch64/aarch64.h"
#include "frontends/aarch64/simd2_helpers.h"

#define SCALAR(insn) (((insn) >> 28) & 1)

/* the by-element second operand: Vm's element idx in every lane. Size 01
 * (16-bit) forms name V0..V15 in bits 19:16 (bit 20 is part of the index). */
SIMD2_INLINE v2reg elem_splat(unsigned sz, struct cpu *cpu, uint64_t insn, unsigned idx)
{
    unsigned rm = sz == 1 ? (unsigned)(insn >> 16) & 15 : A64V_RM(insn);
    unsigned per = V2_LANES_PER_WORD(sz);
    uint64_t x = (cpu->vreg[rm][idx / per] >> ((idx % per) << (3 + sz))) & v2_mask(sz);
    uint64_t w = x * (sz == 1 ? 0x0001000100010001ull : 0x0000000100000001ull);
    v2reg r = { { w, w } };
    return r;
}

static inline int64_t sat_s(__int128 v, unsigned bits, bool *sat)
{
    __int128 max = ((__int128)1 << (bits - 1)) - 1, min = -max - 1;
    if (v > max) {
        *sat = true;
        return (int64_t)max;
    }
    if (v < min) {
        *sat = true;
        return (int64_t)min;
    }
    return (int64_t)v;
}

/* ---- widening ops: result lanes of 2 * esize from the Q-selected half ---- */

enum long_op { L_ADD, L_ADDW, L_SUB, L_SUBW, L_ABA, L_ABD, L_MLA, L_MLS, L_MUL };

SIMD2_INLINE void long_core(unsigned sz, struct cpu *cpu, uint64_t insn, enum long_op op,
                            const v2reg *m)
{
    unsigned part = A64V_Q(insn), rn = A64V_RN(insn);
    v2reg n = v2_get(cpu, rn), d = v2_get(cpu, A64V_RD(insn)), r = { { 0, 0 } };
    /* the narrow operands: the Q-selected half of Vn and Vm */
    v2reg nn = { { part ? n.w[1] : n.w[0], 0 } }, mm = { { part ? m->w[1] : m->w[0], 0 } };
    bool u = A64V_U(insn);
    V2_UNROLL
    for (unsigned i = 0; i < (8u >> sz); i++) {
        /* sign- or zero-extended; arithmetic below is mod 2^64, which the
         * 2*esize-bit result lanes truncate */
        uint64_t a, b = u ? v2_lane(&mm, sz, i) : (uint64_t)v2_slane(&mm, sz, i);
        if (op == L_ADDW || op == L_SUBW)
            a = u ? v2_lane(&n, sz + 1, i) : (uint64_t)v2_slane(&n, sz + 1, i);
        else
            a = u ? v2_lane(&nn, sz, i) : (uint64_t)v2_slane(&nn, sz, i);
        uint64_t acc = v2_lane(&d, sz + 1, i), v;
        switch (op) {
        case L_ADD: case L_ADDW: v = a + b; break;
        case L_SUB: case L_SUBW: v = a - b; break;
        case L_ABA: case L_ABD:
            /* a and b are exact as int64 (at most 33 significant bits) */
            v = (int64_t)a > (int64_t)b ? a - b : b - a;
            if (op == L_ABA)
                v += acc;
            break;
        case L_MLA: v = acc + a * b; break;
        case L_MLS: v = acc - a * b; break;
        default: v = a * b; break;
        }
        v2_set_lane(&r, sz + 1, i, v);
    }
    v2_put(cpu, A64V_RD(insn), r);
}

/* three-different opcodes 0000 ADDL, 0001 ADDW, 0010 SUBL, 0011 SUBW, 0101 ABAL,
 * 0111 ABDL, 1000 MLAL, 1010 MLSL, 1100 MULL: one helper per operation, so
 * the operation is a constant in the lane loop */
#define LONG3_HELPER(name, OP)                                                       \
    SIMD2_INLINE void name##_body(unsigned sz, struct cpu *cpu, uint64_t insn)      \
    {                                                                                \
        v2reg m = v2_get(cpu, A64V_RM(insn));                                        \
        long_core(sz, cpu, insn, OP, &m);                                            \
    }                                                                                \
    uint64_t a64_helper_##name(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, \
                               uint64_t u3)                                          \
    {                                                                                \
        (void)u1, (void)u2, (void)u3;                                                \
        FOR_SZ012(A64V_SIZE(insn), name##_body, cpu, insn);                          \
        return 0;                                                                    \
    }
LONG3_HELPER(addl3, L_ADD)
LONG3_HELPER(addw3, L_ADDW)
LONG3_HELPER(subl3, L_SUB)
LONG3_HELPER(subw3, L_SUBW)
LONG3_HELPER(abal3, L_ABA)
LONG3_HELPER(abdl3, L_ABD)
LONG3_HELPER(mlal3, L_MLA)
LONG3_HELPER(mlsl3, L_MLS)
LONG3_HELPER(mull3, L_MUL)

/* ADDHN/RADDHN (0100), SUBHN/RSUBHN (0110): the high half of each wide sum */
SIMD2_INLINE void hn3_body(unsigned sz, struct cpu *cpu, uint64_t insn)
{
    v2reg n = v2_get(cpu, A64V_RN(insn)), m = v2_get(cpu, A64V_RM(insn)), r = { { 0, 0 } };
    unsigned esize = 8u << sz;
    bool sub = (insn >> 13) & 1;
    uint64_t round = A64V_U(insn) ? 1ull << (esize - 1) : 0;
    V2_UNROLL
    for (unsigned i = 0; i < (8u >> sz); i++) {
        uint64_t a = v2_lane(&n, sz + 1, i), b = v2_lane(&m, sz + 1, i);
        uint64_t v = (sub ? a - b : a + b) + round;
        v2_set_lane(&r, sz, i, v >> esize);
    }
    v2_put_narrow(cpu, insn, sz, r.w[0]);
}
uint64_t a64_helper_hn3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    FOR_SZ012(A64V_SIZE(insn), hn3_body, cpu, insn);
    return 0;
}

/* ---- saturating doubling widening multiplies (esize 16 or 32) ---- */

/* acc: 0 SQDMULL, +1 SQDMLAL, -1 SQDMLSL */
SIMD2_INLINE void sqdml_core(unsigned sz, struct cpu *cpu, uint64_t insn, int acc, const v2reg *m)
{
    bool scalar = SCALAR(insn);
    unsigned part = scalar ? 0 : A64V_Q(insn);
    v2reg n = v2_get(cpu, A64V_RN(insn)), d = v2_get(cpu, A64V_RD(insn)), r = { { 0, 0 } };
    v2reg nn = { { part ? n.w[1] : n.w[0], 0 } }, mm = { { part ? m->w[1] : m->w[0], 0 } };
    unsigned wbits = 16u << sz;
    uint32_t sat = 0;
    V2_UNROLL
    for (unsigned i = 0; i < (8u >> sz); i++) {
        bool lsat = false;
        int64_t p = v2_slane(&nn, sz, i) * v2_slane(&mm, sz, i);
        int64_t v = sat_s((__int128)p * 2, wbits, &lsat);
        if (acc)
            v = sat_s((__int128)v2_slane(&d, sz + 1, i) + (acc > 0 ? v : -(__int128)v), wbits, &lsat);
        sat |= (uint32_t)lsat << i;
        v2_set_lane(&r, sz + 1, i, (uint64_t)v);
    }
    if (scalar) {
        r.w[0] &= v2_mask(sz + 1);
        r.w[1] = 0;
        sat &= 1;
    }
    v2_put(cpu, A64V_RD(insn), r);
    if (sat)
        cpu->fpsr |= A64_FPSR_QC;
}

/* three-different opcodes 1001 SQDMLAL, 1011 SQDMLSL, 1101 SQDMULL */
SIMD2_INLINE void sqdml3_body(unsigned sz, struct cpu *cpu, uint64_t insn)
{
    v2reg m = v2_get(cpu, A64V_RM(insn));
    unsigned op = (unsigned)(insn >> 12) & 15;
    sqdml_core(sz, cpu, insn, op == 9 ? 1 : op == 11 ? -1 : 0, &m);
}
uint64_t a64_helper_sqdml3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    FOR_SZ12(A64V_SIZE(insn), sqdml3_body, cpu, insn);
    return 0;
}

/* by-element opcodes 0011 SQDMLAL, 0111 SQDMLSL, 1011 SQDMULL */
SIMD2_INLINE void sqdml_elem_body(unsigned sz, struct cpu *cpu, uint64_t insn, unsigned idx)
{
    v2reg m = elem_splat(sz, cpu, insn, idx);
    unsigned op = (unsigned)(insn >> 12) & 15;
    sqdml_core(sz, cpu, insn, op == 3 ? 1 : op == 7 ? -1 : 0, &m);
}
uint64_t a64_helper_sqdml_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2,
                               uint64_t u3)
{
    (void)u2, (void)u3;
    FOR_SZ12(A64V_SIZE(insn), sqdml_elem_body, cpu, insn, (unsigned)idx);
    return 0;
}

/* ---- by element, same-width ---- */

/* opcodes 1000 MUL (U = 0), 0000 MLA (U = 1), 0100 MLS (U = 1); vector only */
SIMD2_INLINE void mul_elem_body(unsigned sz, struct cpu *cpu, uint64_t insn, unsigned idx)
{
    v2reg m = elem_splat(sz, cpu, insn, idx);
    v2reg n = v2_get(cpu, A64V_RN(insn)), d = v2_get(cpu, A64V_RD(insn)), r = { { 0, 0 } };
    unsigned op = (unsigned)(insn >> 12) & 15;
    V2_UNROLL
    for (unsigned i = 0; i < (16u >> sz); i++) {
        uint64_t p = v2_lane(&n, sz, i) * v2_lane(&m, sz, i), acc = v2_lane(&d, sz, i);
        v2_set_lane(&r, sz, i, op == 8 ? p : op == 0 ? acc + p : acc - p);
    }
    v2_put_shaped(cpu, insn, sz, r);
}
uint64_t a64_helper_mul_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2, uint64_t u3)
{
    (void)u2, (void)u3;
    FOR_SZ12(A64V_SIZE(insn), mul_elem_body, cpu, insn, (unsigned)idx);
    return 0;
}

/* opcodes 1100 SQDMULH, 1101 SQRDMULH (U = 0), 1101 SQRDMLAH, 1111 SQRDMLSH
 * (U = 1): the high half of 2*a*b (+ rounding, +/- Vd << esize), saturated */
SIMD2_INLINE void qdmulh_body(unsigned sz, struct cpu *cpu, uint64_t insn, unsigned idx)
{
    v2reg m = elem_splat(sz, cpu, insn, idx);
    v2reg n = v2_get(cpu, A64V_RN(insn)), d = v2_get(cpu, A64V_RD(insn)), r = { { 0, 0 } };
    unsigned esize = 8u << sz;
    unsigned op = (unsigned)(insn >> 12) & 15;
    bool u = A64V_U(insn);
    uint32_t sat = 0;
    int64_t round = op == 12 ? 0 : (int64_t)1 << (esize - 1);
    V2_UNROLL
    for (unsigned i = 0; i < (16u >> sz); i++) {
        bool lsat = false;
        int64_t p = v2_slane(&n, sz, i) * v2_slane(&m, sz, i), v;
        if (!u) {
            /* only min * min overflows 2*a*b + round in 64 bits, and saturates */
            if (p == (int64_t)1 << (2 * esize - 2)) {
                v = ((int64_t)1 << (esize - 1)) - 1;
                lsat = true;
            } else {
                v = (2 * p + round) >> esize;
            }
        } else {
            /* 2*a*b reaches 2^63 and Vd << esize 2^63 too: exact in 128 bits */
            __int128 acc = (__int128)v2_slane(&d, sz, i) * ((__int128)1 << esize);
            __int128 sum = (op == 15 ? acc - 2 * (__int128)p : acc + 2 * (__int128)p) + round;
            v = sat_s(sum >> esize, esize, &lsat);
        }
        v2_set_lane(&r, sz, i, (uint64_t)v);
        sat |= (uint32_t)lsat << i;
    }
    v2_put_shaped(cpu, insn, sz, r);
    if (sat & v2_valid_lanes(insn, sz))
        cpu->fpsr |= A64_FPSR_QC;
}
uint64_t a64_helper_qdmulh_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2,
                                uint64_t u3)
{
    (void)u2, (void)u3;
    FOR_SZ12(A64V_SIZE(insn), qdmulh_body, cpu, insn, (unsigned)idx);
    return 0;
}

/* ---- polynomial multiply ---- */

/* PMULL of 8-bit lanes: eight 8 x 8 -> 16 bit carry-less products, four
 * 16-bit lanes per 64-bit word at a time */
static inline uint64_t spread_bytes(uint64_t x)
{
    return (x & 0xff) | (x & 0xff00) << 8 | (x & 0xff0000) << 16 | (x & 0xff000000) << 24;
}
uint64_t a64_helper_pmull8(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    unsigned part = A64V_Q(insn);
    uint64_t n = cpu->vreg[A64V_RN(insn)][part], m = cpu->vreg[A64V_RM(insn)][part];
    v2reg r;
    for (int h = 0; h < 2; h++) {
        uint64_t a = spread_bytes(n >> (32 * h)), b = spread_bytes(m >> (32 * h)), acc = 0;
        for (int bit = 0; bit < 8; bit++)
            acc ^= (a << bit) & (((b >> bit) & 0x0001000100010001ull) * 0xffff);
        r.w[h] = acc;
    }
    v2_put(cpu, A64V_RD(insn), r);
    return 0;
}

/* 64 x 64 -> 128 carry-less product, four bits of b at a time from a table
 * of a times every 4-bit polynomial */
static void clmul64(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    uint64_t tl[16], th[16];
    tl[0] = th[0] = 0;
    for (int j = 1; j < 16; j++) {
        /* j = 2k or 2k + 1: a*j = (a*k) << 1, plus a */
        tl[j] = tl[j >> 1] << 1;
        th[j] = th[j >> 1] << 1 | tl[j >> 1] >> 63;
        if (j & 1) {
            tl[j] ^= a;
        }
    }
    uint64_t l = 0, h = 0;
    for (int k = 60; k >= 0; k -= 4) {
        h = h << 4 | l >> 60;
        l <<= 4;
        unsigned nib = (unsigned)(b >> k) & 15;
        l ^= tl[nib];
        h ^= th[nib];
    }
    *lo = l;
    *hi = h;
}

uint64_t a64_helper_pmull64(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    unsigned part = A64V_Q(insn);
    v2reg r;
    clmul64(cpu->vreg[A64V_RN(insn)][part], cpu->vreg[A64V_RM(insn)][part], &r.w[0], &r.w[1]);
    v2_put(cpu, A64V_RD(insn), r);
    return 0;
}

__attribute__((target("sse2,pclmul")))
uint64_t a64_helper_pmull64_clmul(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2,
                                  uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    /* 64-bit loads: the halves were likely just written by generated code */
    unsigned part = A64V_Q(insn);
    __m128i n = _mm_cvtsi64_si128((long long)cpu->vreg[A64V_RN(insn)][part]);
    __m128i m = _mm_cvtsi64_si128((long long)cpu->vreg[A64V_RM(insn)][part]);
    __m128i r = _mm_clmulepi64_si128(n, m, 0x00);
    _mm_storeu_si128((__m128i *)(void *)cpu->vreg[A64V_RD(insn)], r);
    return 0;
}
