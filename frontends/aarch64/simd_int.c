/* simd_int.c — helpers for the AdvSIMD "three same" integer ops, vector and
 * scalar forms, and the pairwise ones (SMAXP/.../ADDP): one helper per
 * operation, called from trans_simd.c with the insn word.
 *
 * Each helper loops over the lanes with the element size a compile-time
 * constant (A64_FOR_SZ), so the only per-call decoding is field extraction.
 * The result starts as zero and only the processed lanes are written, which
 * gives both the Q = 0 rule (bits 127:64 of Vd cleared) and the scalar rule
 * (everything above the element cleared) for free. trans_simd.c has already
 * refused the reserved size/Q combinations.
 */
#include "frontends/aarch64/simd_helpers.h"
#include "frontends/aarch64/simd_lane.h"

/* ---- per-lane operations: a, b = lanes of Vn, Vm; acc = lane of old Vd ---- */

#define OP3(name) \
    static inline uint64_t name(uint64_t a, uint64_t b, uint64_t acc, unsigned sz, int *sat)
#define OP3_UNUSED() ((void)acc, (void)sat, (void)sz)

/* halving ops: the exact sum or difference, shifted right by one */
static inline uint64_t halve(a64_i128 v, unsigned sz)
{
    return lane_trunc((uint64_t)(v >> 1), sz);
}
OP3(op_shadd) { OP3_UNUSED(); return halve((a64_i128)lane_sx(a, sz) + lane_sx(b, sz), sz); }
OP3(op_uhadd) { OP3_UNUSED(); return halve((a64_i128)a + b, sz); }
OP3(op_srhadd) { OP3_UNUSED(); return halve((a64_i128)lane_sx(a, sz) + lane_sx(b, sz) + 1, sz); }
OP3(op_urhadd) { OP3_UNUSED(); return halve((a64_i128)a + b + 1, sz); }
OP3(op_shsub) { OP3_UNUSED(); return halve((a64_i128)lane_sx(a, sz) - lane_sx(b, sz), sz); }
OP3(op_uhsub) { OP3_UNUSED(); return halve((a64_i128)a - b, sz); }

OP3(op_sqadd)
{
    (void)acc;
    return sat_s((a64_i128)lane_sx(a, sz) + lane_sx(b, sz), sz, sat);
}
OP3(op_uqadd)
{
    (void)acc;
    return sat_u((a64_i128)a + b, sz, sat);
}
OP3(op_sqsub)
{
    (void)acc;
    return sat_s((a64_i128)lane_sx(a, sz) - lane_sx(b, sz), sz, sat);
}
OP3(op_uqsub)
{
    (void)acc;
    return sat_u((a64_i128)a - b, sz, sat);
}

/* The register-shift family: a shifted by the signed low byte of b; a
 * negative count shifts right (rounding: adds 1 << (count - 1) first, in
 * infinite precision). Left shifts that lose bits saturate in the Q forms. */
static inline uint64_t shl_reg(uint64_t a, uint64_t b, unsigned sz, int uns, int round,
                               int satur, int *sat)
{
    int sh = (int8_t)b;
    int e = (int)lane_bits(sz);
    if (sh >= 0) {
        if (uns) {
            if (!satur)
                return sh >= e ? 0 : lane_trunc(a << sh, sz);
            if (a == 0)
                return 0;
            if (sh >= e) {
                *sat = 1;
                return lane_umax(sz);
            }
            return sat_u((a64_i128)((a64_u128)a << sh), sz, sat);
        }
        int64_t v = lane_sx(a, sz);
        if (!satur)
            return sh >= e ? 0 : lane_trunc((uint64_t)v << sh, sz);
        if (v == 0)
            return 0;
        if (sh >= e) {
            *sat = 1;
            return lane_trunc((uint64_t)(v < 0 ? lane_smin(sz) : lane_smax(sz)), sz);
        }
        return sat_s((a64_i128)v * ((a64_i128)1 << sh), sz, sat);
    }
    int r = -sh; /* 1..128 */
    if (uns) {
        if (!round)
            return r >= e ? 0 : a >> r;
        if (r > e)
            return 0;
        return (uint64_t)(((a64_u128)a + ((a64_u128)1 << (r - 1))) >> r);
    }
    int64_t v = lane_sx(a, sz);
    if (!round)
        return lane_trunc((uint64_t)(r >= e ? (v < 0 ? -1 : 0) : v >> r), sz);
    if (r >= e)  /* |v| < 2^(e-1) rounds to 0 */
        return 0;
    return lane_trunc((uint64_t)(int64_t)(((a64_i128)v + ((a64_i128)1 << (r - 1))) >> r), sz);
}
OP3(op_sshl) { OP3_UNUSED(); return shl_reg(a, b, sz, 0, 0, 0, sat); }
OP3(op_ushl) { OP3_UNUSED(); return shl_reg(a, b, sz, 1, 0, 0, sat); }
OP3(op_srshl) { OP3_UNUSED(); return shl_reg(a, b, sz, 0, 1, 0, sat); }
OP3(op_urshl) { OP3_UNUSED(); return shl_reg(a, b, sz, 1, 1, 0, sat); }
OP3(op_sqshl) { (void)acc; return shl_reg(a, b, sz, 0, 0, 1, sat); }
OP3(op_uqshl) { (void)acc; return shl_reg(a, b, sz, 1, 0, 1, sat); }
OP3(op_sqrshl) { (void)acc; return shl_reg(a, b, sz, 0, 1, 1, sat); }
OP3(op_uqrshl) { (void)acc; return shl_reg(a, b, sz, 1, 1, 1, sat); }

OP3(op_smax) { OP3_UNUSED(); return lane_sx(a, sz) > lane_sx(b, sz) ? a : b; }
OP3(op_smin) { OP3_UNUSED(); return lane_sx(a, sz) < lane_sx(b, sz) ? a : b; }
OP3(op_umax) { OP3_UNUSED(); return a > b ? a : b; }
OP3(op_umin) { OP3_UNUSED(); return a < b ? a : b; }

OP3(op_sabd)
{
    OP3_UNUSED();
    int64_t x = lane_sx(a, sz), y = lane_sx(b, sz);
    return lane_trunc(x > y ? (uint64_t)x - (uint64_t)y : (uint64_t)y - (uint64_t)x, sz);
}
OP3(op_uabd) { OP3_UNUSED(); return a > b ? a - b : b - a; }
OP3(op_saba) { return lane_trunc(acc + op_sabd(a, b, 0, sz, sat), sz); }
OP3(op_uaba) { return lane_trunc(acc + op_uabd(a, b, 0, sz, sat), sz); }

OP3(op_mul) { OP3_UNUSED(); return lane_trunc(a * b, sz); }
OP3(op_mla) { (void)sat; return lane_trunc(acc + a * b, sz); }
OP3(op_mls) { (void)sat; return lane_trunc(acc - a * b, sz); }
OP3(op_pmul)
{
    OP3_UNUSED();
    uint64_t r = 0;
    for (unsigned i = 0; i < lane_bits(sz); i++)
        if ((b >> i) & 1)
            r ^= a << i;
    return lane_trunc(r, sz);
}

/* (2 * a * b [+ rounding]) >> esize; only MIN * MIN overflows */
OP3(op_sqdmulh)
{
    (void)acc;
    a64_i128 p = (a64_i128)lane_sx(a, sz) * lane_sx(b, sz) * 2;
    return sat_s(p >> lane_bits(sz), sz, sat);
}
OP3(op_sqrdmulh)
{
    (void)acc;
    a64_i128 p = (a64_i128)lane_sx(a, sz) * lane_sx(b, sz) * 2;
    return sat_s((p + ((a64_i128)1 << (lane_bits(sz) - 1))) >> lane_bits(sz), sz, sat);
}

OP3(op_add) { OP3_UNUSED(); return lane_trunc(a + b, sz); }

/* ---- loops ---- */

/* lane-by-lane: Vd[i] = op(Vn[i], Vm[i], Vd[i]) */
#define DEF_ELEM3(name, op)                                                          \
    A64_VH(a64_vh_##name)                                                            \
    {                                                                                \
        A64_VH_UNUSED();                                                             \
        a64_vreg n = a64_vget(cpu, A64V_RN(insn)), m = a64_vget(cpu, A64V_RM(insn)); \
        a64_vreg o = a64_vget(cpu, A64V_RD(insn)), d = { .d = { 0, 0 } };            \
        unsigned sz = A64V_SIZE(insn), nl = a64_nlanes(insn, sz);                    \
        int sat = 0;                                                                 \
        A64_FOR_SZ(sz, for (unsigned i = 0; i < nl; i++) a64_set_lane(&d, SZ, i,     \
                   op(a64_lane(&n, SZ, i), a64_lane(&m, SZ, i), a64_lane(&o, SZ, i), \
                      SZ, &sat)));                                                   \
        a64_set_qc(cpu, sat);                                                        \
        a64_vput(cpu, A64V_RD(insn), &d);                                            \
        return 0;                                                                    \
    }

/* pairwise over the concatenation Vm:Vn: the low half of the result comes from
 * adjacent pairs of Vn, the high half from those of Vm */
#define DEF_PAIR3(name, op)                                                            \
    A64_VH(a64_vh_##name)                                                              \
    {                                                                                  \
        A64_VH_UNUSED();                                                               \
        a64_vreg n = a64_vget(cpu, A64V_RN(insn)), m = a64_vget(cpu, A64V_RM(insn));   \
        a64_vreg d = { .d = { 0, 0 } };                                                \
        unsigned sz = A64V_SIZE(insn), h = a64_nlanes(insn, sz) / 2;                   \
        int sat = 0;                                                                   \
        A64_FOR_SZ(sz, for (unsigned i = 0; i < h; i++) {                              \
            a64_set_lane(&d, SZ, i, op(a64_lane(&n, SZ, 2 * i),                        \
                                       a64_lane(&n, SZ, 2 * i + 1), 0, SZ, &sat));     \
            a64_set_lane(&d, SZ, h + i, op(a64_lane(&m, SZ, 2 * i),                    \
                                           a64_lane(&m, SZ, 2 * i + 1), 0, SZ, &sat)); \
        });                                                                            \
        a64_vput(cpu, A64V_RD(insn), &d);                                              \
        return 0;                                                                      \
    }

DEF_ELEM3(shadd, op_shadd)
DEF_ELEM3(uhadd, op_uhadd)
DEF_ELEM3(srhadd, op_srhadd)
DEF_ELEM3(urhadd, op_urhadd)
DEF_ELEM3(shsub, op_shsub)
DEF_ELEM3(uhsub, op_uhsub)
DEF_ELEM3(sqadd, op_sqadd)
DEF_ELEM3(uqadd, op_uqadd)
DEF_ELEM3(sqsub, op_sqsub)
DEF_ELEM3(uqsub, op_uqsub)
DEF_ELEM3(sshl, op_sshl)
DEF_ELEM3(ushl, op_ushl)
DEF_ELEM3(srshl, op_srshl)
DEF_ELEM3(urshl, op_urshl)
DEF_ELEM3(sqshl, op_sqshl)
DEF_ELEM3(uqshl, op_uqshl)
DEF_ELEM3(sqrshl, op_sqrshl)
DEF_ELEM3(uqrshl, op_uqrshl)
DEF_ELEM3(smax, op_smax)
DEF_ELEM3(smin, op_smin)
DEF_ELEM3(umax, op_umax)
DEF_ELEM3(umin, op_umin)
DEF_ELEM3(sabd, op_sabd)
DEF_ELEM3(uabd, op_uabd)
DEF_ELEM3(saba, op_saba)
DEF_ELEM3(uaba, op_uaba)
DEF_ELEM3(mul, op_mul)
DEF_ELEM3(mla, op_mla)
DEF_ELEM3(mls, op_mls)
DEF_ELEM3(pmul, op_pmul)
DEF_ELEM3(sqdmulh, op_sqdmulh)
DEF_ELEM3(sqrdmulh, op_sqrdmulh)

DEF_PAIR3(smaxp, op_smax)
DEF_PAIR3(sminp, op_smin)
DEF_PAIR3(umaxp, op_umax)
DEF_PAIR3(uminp, op_umin)
DEF_PAIR3(addp, op_add)
