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
static a64_vreg elem_splat(struct cpu *cpu, uint64_t insn, unsigned idx)
{
    unsigned sz = A64V_SIZE(insn);
    unsigned rm = sz == 1 ? (unsigned)(insn >> 16) & 15 : A64V_RM(insn);
    a64_vreg m = a64_vget(cpu, rm), r;
    uint64_t x = a64_lane(&m, sz, idx);
    for (unsigned i = 0; i < (16u >> sz); i++)
        a64_set_lane(&r, sz, i, x);
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

static void long_core(struct cpu *cpu, uint64_t insn, enum long_op op, const a64_vreg *m)
{
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = a64_vget(cpu, A64V_RD(insn)), r;
    unsigned sz = A64V_SIZE(insn), cnt = 8u >> sz, base = A64V_Q(insn) * cnt;
    bool u = A64V_U(insn);
    for (unsigned i = 0; i < cnt; i++) {
        /* sign- or zero-extended; arithmetic below is mod 2^64, which the
         * 2*esize-bit result lanes truncate */
        uint64_t a, b = u ? a64_lane(m, sz, base + i) : (uint64_t)a64_slane(m, sz, base + i);
        if (op == L_ADDW || op == L_SUBW)
            a = u ? a64_lane(&n, sz + 1, i) : (uint64_t)a64_slane(&n, sz + 1, i);
        else
            a = u ? a64_lane(&n, sz, base + i) : (uint64_t)a64_slane(&n, sz, base + i);
        uint64_t acc = a64_lane(&d, sz + 1, i), v;
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
        a64_set_lane(&r, sz + 1, i, v);
    }
    a64_vput(cpu, A64V_RD(insn), &r);
}

/* three-different opcode (bits 15:12) -> operation; 0100/0110 (HN) and the
 * saturating ones go elsewhere */
static const signed char long3_op[16] = {
    /* 0000 */ L_ADD, /* 0001 */ L_ADDW, /* 0010 */ L_SUB, /* 0011 */ L_SUBW,
    /* 0100 */ -1,    /* 0101 */ L_ABA,  /* 0110 */ -1,    /* 0111 */ L_ABD,
    /* 1000 */ L_MLA, /* 1001 */ -1,     /* 1010 */ L_MLS, /* 1011 */ -1,
    /* 1100 */ L_MUL, /* 1101 */ -1,     /* 1110 */ -1,    /* 1111 */ -1,
};

uint64_t a64_helper_long3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    a64_vreg m = a64_vget(cpu, A64V_RM(insn));
    long_core(cpu, insn, (enum long_op)long3_op[(insn >> 12) & 15], &m);
    return 0;
}

/* by-element opcodes 0010 MLAL, 0110 MLSL, 1010 MULL */
uint64_t a64_helper_long_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2, uint64_t u3)
{
    (void)u2, (void)u3;
    a64_vreg m = elem_splat(cpu, insn, (unsigned)idx);
    unsigned op = (unsigned)(insn >> 12) & 15;
    long_core(cpu, insn, op == 2 ? L_MLA : op == 6 ? L_MLS : L_MUL, &m);
    return 0;
}

/* ADDHN/RADDHN (0100), SUBHN/RSUBHN (0110): the high half of each wide sum */
uint64_t a64_helper_hn3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), m = a64_vget(cpu, A64V_RM(insn)), r;
    unsigned sz = A64V_SIZE(insn), esize = 8u << sz, cnt = 8u >> sz, base = A64V_Q(insn) * cnt;
    bool sub = (insn >> 13) & 1;
    uint64_t round = A64V_U(insn) ? 1ull << (esize - 1) : 0;
    if (base)
        r = a64_vget(cpu, A64V_RD(insn));
    else
        r.d[0] = r.d[1] = 0;
    for (unsigned i = 0; i < cnt; i++) {
        uint64_t a = a64_lane(&n, sz + 1, i), b = a64_lane(&m, sz + 1, i);
        uint64_t v = (sub ? a - b : a + b) + round;
        a64_set_lane(&r, sz, base + i, v >> esize);
    }
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

/* ---- saturating doubling widening multiplies (esize 16 or 32) ---- */

/* acc: 0 SQDMULL, +1 SQDMLAL, -1 SQDMLSL */
static void sqdml_core(struct cpu *cpu, uint64_t insn, int acc, const a64_vreg *m)
{
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = a64_vget(cpu, A64V_RD(insn));
    a64_vreg r = { .d = { 0, 0 } };
    unsigned sz = A64V_SIZE(insn), wbits = 16u << sz;
    unsigned cnt = SCALAR(insn) ? 1 : 8u >> sz;
    unsigned base = SCALAR(insn) ? 0 : A64V_Q(insn) * cnt;
    bool sat = false;
    for (unsigned i = 0; i < cnt; i++) {
        __int128 p = (__int128)a64_slane(&n, sz, base + i) * a64_slane(m, sz, base + i) * 2;
        int64_t v = sat_s(p, wbits, &sat);
        if (acc)
            v = sat_s((__int128)a64_slane(&d, sz + 1, i) + (acc > 0 ? v : -(__int128)v), wbits, &sat);
        a64_set_lane(&r, sz + 1, i, (uint64_t)v);
    }
    a64_vput(cpu, A64V_RD(insn), &r);
    if (sat)
        cpu->fpsr |= A64_FPSR_QC;
}

/* three-different opcodes 1001 SQDMLAL, 1011 SQDMLSL, 1101 SQDMULL */
uint64_t a64_helper_sqdml3(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    a64_vreg m = a64_vget(cpu, A64V_RM(insn));
    unsigned op = (unsigned)(insn >> 12) & 15;
    sqdml_core(cpu, insn, op == 9 ? 1 : op == 11 ? -1 : 0, &m);
    return 0;
}

/* by-element opcodes 0011 SQDMLAL, 0111 SQDMLSL, 1011 SQDMULL */
uint64_t a64_helper_sqdml_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2,
                               uint64_t u3)
{
    (void)u2, (void)u3;
    a64_vreg m = elem_splat(cpu, insn, (unsigned)idx);
    unsigned op = (unsigned)(insn >> 12) & 15;
    sqdml_core(cpu, insn, op == 3 ? 1 : op == 7 ? -1 : 0, &m);
    return 0;
}

/* ---- by element, same-width ---- */

/* opcodes 1000 MUL (U = 0), 0000 MLA (U = 1), 0100 MLS (U = 1); vector only */
uint64_t a64_helper_mul_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2, uint64_t u3)
{
    (void)u2, (void)u3;
    a64_vreg m = elem_splat(cpu, insn, (unsigned)idx);
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = a64_vget(cpu, A64V_RD(insn));
    a64_vreg r = { .d = { 0, 0 } };
    unsigned sz = A64V_SIZE(insn), cnt = (A64V_Q(insn) ? 16u : 8u) >> sz;
    unsigned op = (unsigned)(insn >> 12) & 15;
    for (unsigned i = 0; i < cnt; i++) {
        uint64_t p = a64_lane(&n, sz, i) * a64_lane(&m, sz, i), acc = a64_lane(&d, sz, i);
        a64_set_lane(&r, sz, i, op == 8 ? p : op == 0 ? acc + p : acc - p);
    }
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

/* opcodes 1100 SQDMULH, 1101 SQRDMULH (U = 0), 1101 SQRDMLAH, 1111 SQRDMLSH
 * (U = 1): the high half of 2*a*b (+ rounding, +/- Vd << esize), saturated */
uint64_t a64_helper_qdmulh_elem(struct cpu *cpu, uint64_t insn, uint64_t idx, uint64_t u2,
                                uint64_t u3)
{
    (void)u2, (void)u3;
    a64_vreg m = elem_splat(cpu, insn, (unsigned)idx);
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = a64_vget(cpu, A64V_RD(insn));
    a64_vreg r = { .d = { 0, 0 } };
    unsigned sz = A64V_SIZE(insn), esize = 8u << sz;
    unsigned cnt = SCALAR(insn) ? 1 : (A64V_Q(insn) ? 16u : 8u) >> sz;
    unsigned op = (unsigned)(insn >> 12) & 15;
    bool u = A64V_U(insn), sat = false;
    __int128 round = op == 12 ? 0 : (__int128)1 << (esize - 1);
    for (unsigned i = 0; i < cnt; i++) {
        __int128 p = (__int128)a64_slane(&n, sz, i) * a64_slane(&m, sz, i) * 2;
        if (u) {
            __int128 acc = (__int128)a64_slane(&d, sz, i) * ((__int128)1 << esize);
            p = op == 15 ? acc - p : acc + p;
        }
        a64_set_lane(&r, sz, i, (uint64_t)sat_s((p + round) >> esize, esize, &sat));
    }
    a64_vput(cpu, A64V_RD(insn), &r);
    if (sat)
        cpu->fpsr |= A64_FPSR_QC;
    return 0;
}

/* ---- polynomial multiply ---- */

/* PMULL of 8-bit lanes: eight 8 x 8 -> 16 bit carry-less products, four
 * 16-bit lanes per 64-bit word at a time */
uint64_t a64_helper_pmull8(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), m = a64_vget(cpu, A64V_RM(insn)), r;
    unsigned part = A64V_Q(insn);
    for (int h = 0; h < 2; h++) {
        uint64_t a = 0, b = 0, acc = 0;
        for (int j = 0; j < 4; j++) {
            a |= (uint64_t)n.b[part * 8 + h * 4 + j] << (16 * j);
            b |= (uint64_t)m.b[part * 8 + h * 4 + j] << (16 * j);
        }
        for (int bit = 0; bit < 8; bit++)
            acc ^= (a << bit) & (((b >> bit) & 0x0001000100010001ull) * 0xffff);
        r.d[h] = acc;
    }
    a64_vput(cpu, A64V_RD(insn), &r);
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
    a64_vreg r;
    clmul64(cpu->vreg[A64V_RN(insn)][part], cpu->vreg[A64V_RM(insn)][part], &r.d[0], &r.d[1]);
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

__attribute__((target("sse2,pclmul")))
uint64_t a64_helper_pmull64_clmul(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2,
                                  uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    __m128i n = _mm_loadu_si128((const __m128i *)(const void *)cpu->vreg[A64V_RN(insn)]);
    __m128i m = _mm_loadu_si128((const __m128i *)(const void *)cpu->vreg[A64V_RM(insn)]);
    __m128i r = A64V_Q(insn) ? _mm_clmulepi64_si128(n, m, 0x11) : _mm_clmulepi64_si128(n, m, 0x00);
    _mm_storeu_si128((__m128i *)(void *)cpu->vreg[A64V_RD(insn)], r);
    return 0;
}
