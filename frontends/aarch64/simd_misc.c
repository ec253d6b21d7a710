/* simd_misc.c — helpers for the AdvSIMD integer "two-register misc" group
 * (vector and scalar), the pairwise-long adds (SADDLP...), the narrowing
 * moves (XTN, SQXTN...), SHLL, and the across-lanes reductions (ADDV,
 * SADDLV, SMAXV...).
 *
 * Layouts (Arm ARM): a narrowing op reads 64 bits' worth of double-width
 * lanes from all of Vn and writes the low half of Vd (Q = 0, high half
 * cleared) or the high half (Q = 1, "2" forms: the low half kept); SHLL reads
 * the low or high half of Vn; a reduction writes one element and clears the
 * rest of Vd. trans_simd.c has refused the reserved size/Q combinations.
 */
#include "frontends/aarch64/simd_helpers.h"
#include "frontends/aarch64/simd_lane.h"

/* ---- per-lane unary operations: a = lane of Vn, acc = lane of old Vd ---- */

#define OP1(name) static inline uint64_t name(uint64_t a, uint64_t acc, unsigned sz, int *sat)
#define OP1_UNUSED() ((void)acc, (void)sat, (void)sz)

OP1(op_cls)
{
    OP1_UNUSED();
    uint64_t y = (a ^ (a >> 1)) & (lane_umax(sz) >> 1);
    return lane_clz(y, sz) - 1;
}
OP1(op_clz) { OP1_UNUSED(); return lane_clz(a, sz); }
OP1(op_cnt) { OP1_UNUSED(); (void)sz; return (uint64_t)__builtin_popcountll(a); }
OP1(op_abs)
{
    OP1_UNUSED();
    int64_t v = lane_sx(a, sz);
    return lane_trunc(v < 0 ? -(uint64_t)v : (uint64_t)v, sz);
}
OP1(op_neg) { OP1_UNUSED(); return lane_trunc(-a, sz); }
OP1(op_sqabs)
{
    (void)acc;
    int64_t v = lane_sx(a, sz);
    return sat_s(v < 0 ? -(a64_i128)v : (a64_i128)v, sz, sat);
}
OP1(op_sqneg) { (void)acc; return sat_s(-(a64_i128)lane_sx(a, sz), sz, sat); }
OP1(op_cmgt0) { OP1_UNUSED(); return lane_sx(a, sz) > 0 ? lane_umax(sz) : 0; }
OP1(op_cmge0) { OP1_UNUSED(); return lane_sx(a, sz) >= 0 ? lane_umax(sz) : 0; }
OP1(op_cmeq0) { OP1_UNUSED(); return a == 0 ? lane_umax(sz) : 0; }
OP1(op_cmle0) { OP1_UNUSED(); return lane_sx(a, sz) <= 0 ? lane_umax(sz) : 0; }
OP1(op_cmlt0) { OP1_UNUSED(); return lane_sx(a, sz) < 0 ? lane_umax(sz) : 0; }
/* signed accumulator + unsigned Vn / unsigned accumulator + signed Vn */
OP1(op_suqadd) { return sat_s((a64_i128)lane_sx(acc, sz) + (a64_i128)a, sz, sat); }
OP1(op_usqadd) { return sat_u((a64_i128)acc + lane_sx(a, sz), sz, sat); }

#define DEF_ELEM1(name, op)                                                          \
    A64_VH(a64_vh_##name)                                                            \
    {                                                                                \
        A64_VH_UNUSED();                                                             \
        a64_vreg n = a64_vget(cpu, A64V_RN(insn)), o = a64_vget(cpu, A64V_RD(insn)); \
        a64_vreg d = { .d = { 0, 0 } };                                              \
        unsigned sz = A64V_SIZE(insn), nl = a64_nlanes(insn, sz);                    \
        int sat = 0;                                                                 \
        A64_FOR_SZ(sz, for (unsigned i = 0; i < nl; i++) a64_set_lane(&d, SZ, i,     \
                   op(a64_lane(&n, SZ, i), a64_lane(&o, SZ, i), SZ, &sat)));         \
        a64_set_qc(cpu, sat);                                                        \
        a64_vput(cpu, A64V_RD(insn), &d);                                            \
        return 0;                                                                    \
    }

DEF_ELEM1(cls, op_cls)
DEF_ELEM1(clz, op_clz)
DEF_ELEM1(cnt, op_cnt)
DEF_ELEM1(abs, op_abs)
DEF_ELEM1(neg, op_neg)
DEF_ELEM1(sqabs, op_sqabs)
DEF_ELEM1(sqneg, op_sqneg)
DEF_ELEM1(cmgt0, op_cmgt0)
DEF_ELEM1(cmge0, op_cmge0)
DEF_ELEM1(cmeq0, op_cmeq0)
DEF_ELEM1(cmle0, op_cmle0)
DEF_ELEM1(cmlt0, op_cmlt0)
DEF_ELEM1(suqadd, op_suqadd)
DEF_ELEM1(usqadd, op_usqadd)

/* RBIT: bytes whatever the size field says (it selects RBIT over NOT) */
A64_VH(a64_vh_rbit)
{
    A64_VH_UNUSED();
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = { .d = { 0, 0 } };
    unsigned nb = 8u << A64V_Q(insn);
    for (unsigned i = 0; i < nb; i++) {
        unsigned x = n.b[i];
        x = (x & 0xf0) >> 4 | (x & 0x0f) << 4;
        x = (x & 0xcc) >> 2 | (x & 0x33) << 2;
        d.b[i] = (uint8_t)((x & 0xaa) >> 1 | (x & 0x55) << 1);
    }
    a64_vput(cpu, A64V_RD(insn), &d);
    return 0;
}

/* ---- pairwise long: Vd[i] (2*esize) = Vn[2i] + Vn[2i+1] (+ Vd[i]) ---- */

static inline uint64_t addlp(const a64_vreg *n, unsigned sz, unsigned i, int sgn)
{
    uint64_t x = a64_lane(n, sz, 2 * i), y = a64_lane(n, sz, 2 * i + 1);
    return sgn ? (uint64_t)(lane_sx(x, sz) + lane_sx(y, sz)) : x + y;
}

#define DEF_ADDLP(name, sgn, accumulate)                                             \
    A64_VH(a64_vh_##name)                                                            \
    {                                                                                \
        A64_VH_UNUSED();                                                             \
        a64_vreg n = a64_vget(cpu, A64V_RN(insn)), o = a64_vget(cpu, A64V_RD(insn)); \
        a64_vreg d = { .d = { 0, 0 } };                                              \
        unsigned sz = A64V_SIZE(insn), h = a64_nlanes(insn, sz) / 2;                 \
        A64_FOR_SZ012(sz, for (unsigned i = 0; i < h; i++) {                         \
            uint64_t r = addlp(&n, SZ, i, sgn);                                      \
            if (accumulate)                                                          \
                r += a64_lane(&o, SZ + 1, i);                                        \
            a64_set_lane(&d, SZ + 1, i, r);                                          \
        });                                                                          \
        a64_vput(cpu, A64V_RD(insn), &d);                                            \
        return 0;                                                                    \
    }

DEF_ADDLP(saddlp, 1, 0)
DEF_ADDLP(uaddlp, 0, 0)
DEF_ADDLP(sadalp, 1, 1)
DEF_ADDLP(uadalp, 0, 1)

/* ---- narrowing: lanes of 2*esize from Vn -> esize lanes of Vd ---- */

#define OPN(name) static inline uint64_t name(uint64_t a, unsigned sz, int *sat)
/* a is the wide lane (size sz + 1), zero-extended */
OPN(op_xtn) { (void)sat; return lane_trunc(a, sz); }
OPN(op_sqxtn) { return sat_s(lane_sx(a, sz + 1), sz, sat); }
OPN(op_uqxtn) { return sat_u(a, sz, sat); }
OPN(op_sqxtun) { return sat_u(lane_sx(a, sz + 1), sz, sat); }

#define DEF_NARROW(name, op)                                                     \
    A64_VH(a64_vh_##name)                                                        \
    {                                                                            \
        A64_VH_UNUSED();                                                         \
        a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = { .d = { 0, 0 } };        \
        unsigned sz = A64V_SIZE(insn), nl = 1, base = 0;                         \
        int sat = 0;                                                             \
        if (!a64_is_scalar(insn)) {                                              \
            nl = 8u >> sz;                                                       \
            if (A64V_Q(insn)) {                                                  \
                d.d[0] = cpu->vreg[A64V_RD(insn)][0];                            \
                base = nl;                                                       \
            }                                                                    \
        }                                                                        \
        A64_FOR_SZ012(sz, for (unsigned i = 0; i < nl; i++) a64_set_lane(&d, SZ, \
                   base + i, op(a64_lane(&n, SZ + 1, i), SZ, &sat)));            \
        a64_set_qc(cpu, sat);                                                    \
        a64_vput(cpu, A64V_RD(insn), &d);                                        \
        return 0;                                                                \
    }

DEF_NARROW(xtn, op_xtn)
DEF_NARROW(sqxtn, op_sqxtn)
DEF_NARROW(uqxtn, op_uqxtn)
DEF_NARROW(sqxtun, op_sqxtun)

/* SHLL/SHLL2: widen the low / high half of Vn, each lane shifted left by esize */
A64_VH(a64_vh_shll)
{
    A64_VH_UNUSED();
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = { .d = { 0, 0 } };
    unsigned sz = A64V_SIZE(insn), nl = 8u >> sz, base = A64V_Q(insn) ? nl : 0;
    A64_FOR_SZ012(sz, for (unsigned i = 0; i < nl; i++)
        a64_set_lane(&d, SZ + 1, i, a64_lane(&n, SZ, base + i) << lane_bits(SZ)));
    a64_vput(cpu, A64V_RD(insn), &d);
    return 0;
}

/* REV16/REV32/REV64: reverse the esize elements inside each container of
 * 2, 4 or 8 bytes. Byte i of a container moves to i ^ (container - esize). */
A64_VH(a64_vh_rev)
{
    A64_VH_UNUSED();
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = { .d = { 0, 0 } };
    /* REV64: U=0 o0=0; REV32: U=1 o0=0; REV16: U=0 o0=1 */
    unsigned cont = 8u >> (A64V_U(insn) | ((unsigned)(insn >> 12) & 1) << 1);
    unsigned flip = (cont - 1) & ~((1u << A64V_SIZE(insn)) - 1);
    unsigned nb = 8u << A64V_Q(insn);
    for (unsigned i = 0; i < nb; i++)
        d.b[i] = n.b[i ^ flip];
    a64_vput(cpu, A64V_RD(insn), &d);
    return 0;
}

/* ---- across lanes: one element into Vd, the rest cleared ---- */

#define DEF_ACROSS(name, init, step, wide)                                \
    A64_VH(a64_vh_##name)                                                 \
    {                                                                     \
        A64_VH_UNUSED();                                                  \
        a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = { .d = { 0, 0 } }; \
        unsigned sz = A64V_SIZE(insn), nl = (8u << A64V_Q(insn)) >> sz;   \
        A64_FOR_SZ012(sz, {                                               \
            uint64_t r = init;                                            \
            for (unsigned i = 1; i < nl; i++) {                           \
                uint64_t x = a64_lane(&n, SZ, i);                         \
                step;                                                     \
            }                                                             \
            a64_set_lane(&d, SZ + wide, 0, r);                            \
        });                                                               \
        a64_vput(cpu, A64V_RD(insn), &d);                                 \
        return 0;                                                         \
    }

DEF_ACROSS(addv, a64_lane(&n, SZ, 0), r += x, 0)
DEF_ACROSS(saddlv, (uint64_t)lane_sx(a64_lane(&n, SZ, 0), SZ), r += (uint64_t)lane_sx(x, SZ), 1)
DEF_ACROSS(uaddlv, a64_lane(&n, SZ, 0), r += x, 1)
DEF_ACROSS(umaxv, a64_lane(&n, SZ, 0), r = x > r ? x : r, 0)
DEF_ACROSS(uminv, a64_lane(&n, SZ, 0), r = x < r ? x : r, 0)
DEF_ACROSS(smaxv, a64_lane(&n, SZ, 0), r = lane_sx(x, SZ) > lane_sx(r, SZ) ? x : r, 0)
DEF_ACROSS(sminv, a64_lane(&n, SZ, 0), r = lane_sx(x, SZ) < lane_sx(r, SZ) ? x : r, 0)
