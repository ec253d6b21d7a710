/* simd_perm.c — helpers for the AdvSIMD permutes: TBL/TBX and
 * ZIP1/ZIP2/UZP1/UZP2/TRN1/TRN2.
 *
 * Invariants: the table registers of TBL/TBX are Vn, Vn+1, ... wrapping from
 * V31 to V0; sources are copied before Vd is written, so Vd may be one of
 * them; a 64-bit form (Q = 0) clears bits 127:64 of Vd, TBX included.
 */
#include "frontends/aarch64/simd_helpers.h"
#include "frontends/aarch64/simd_lane.h"

/* TBL (bit 12 = 0): out-of-range index -> 0; TBX (bit 12 = 1): -> Vd's byte.
 * len = bits 14:13 = number of table registers - 1. */
A64_VH(a64_vh_tbl)
{
    A64_VH_UNUSED();
    unsigned len = ((unsigned)insn >> 13) & 3, rn = A64V_RN(insn);
    uint8_t table[64];
    for (unsigned r = 0; r <= len; r++)
        memcpy(table + 16 * r, cpu->vreg[(rn + r) & 31], 16);
    a64_vreg idx = a64_vget(cpu, A64V_RM(insn)), d = a64_vget(cpu, A64V_RD(insn));
    unsigned lim = 16 * (len + 1), nb = 8u << A64V_Q(insn);
    int tbx = (insn >> 12) & 1;
    for (unsigned i = 0; i < nb; i++) {
        if (idx.b[i] < lim)
            d.b[i] = table[idx.b[i]];
        else if (!tbx)
            d.b[i] = 0;
    }
    a64_vput_q(cpu, A64V_RD(insn), d, A64V_Q(insn));
    return 0;
}

/* The six permutes read lanes of the concatenation Vm:Vn (x[0..nl) = Vn,
 * x[nl..2nl) = Vm); result lane i takes x[src(i)]. */
static inline unsigned perm_zip1(unsigned i, unsigned nl) { return (i >> 1) + (i & 1) * nl; }
static inline unsigned perm_zip2(unsigned i, unsigned nl)
{
    return nl / 2 + (i >> 1) + (i & 1) * nl;
}
static inline unsigned perm_uzp1(unsigned i, unsigned nl) { (void)nl; return 2 * i; }
static inline unsigned perm_uzp2(unsigned i, unsigned nl) { (void)nl; return 2 * i + 1; }
static inline unsigned perm_trn1(unsigned i, unsigned nl) { return (i & ~1u) + (i & 1) * nl; }
static inline unsigned perm_trn2(unsigned i, unsigned nl) { return (i | 1u) + (i & 1) * nl; }

#define DEF_PERM(name, src)                                                      \
    A64_VH(a64_vh_##name)                                                        \
    {                                                                            \
        A64_VH_UNUSED();                                                         \
        unsigned sz = A64V_SIZE(insn), q = A64V_Q(insn), nl = (8u << q) >> sz;   \
        uint8_t x[32];                                                           \
        /* Vn's bytes then Vm's, packed: for Q = 0 Vm's low half follows Vn's */ \
        memcpy(x, cpu->vreg[A64V_RN(insn)], 8u << q);                            \
        memcpy(x + (8u << q), cpu->vreg[A64V_RM(insn)], 8u << q);                \
        a64_vreg d = { .d = { 0, 0 } };                                          \
        A64_FOR_SZ(sz, for (unsigned i = 0; i < nl; i++)                         \
            memcpy(d.b + (i << SZ), x + (src(i, nl) << SZ), 1u << SZ));          \
        a64_vput(cpu, A64V_RD(insn), &d);                                        \
        return 0;                                                                \
    }

DEF_PERM(zip1, perm_zip1)
DEF_PERM(zip2, perm_zip2)
DEF_PERM(uzp1, perm_uzp1)
DEF_PERM(uzp2, perm_uzp2)
DEF_PERM(trn1, perm_trn1)
DEF_PERM(trn2, perm_trn2)
