/* neon_int — NEON integer arithmetic, logic, compares and counts through
 * arm_neon.h: add/sub (plain, saturating, halving, rounding-halving),
 * absolute difference and accumulate, min/max, multiply and multiply-
 * accumulate, saturating doubling multiply-high, bitwise ops and selects,
 * compares against registers and zero, bit counts, abs/neg (plain and
 * saturating), mixed-sign saturating accumulates, reciprocal estimates on
 * integers, and the scalar (one-lane) forms. Every size, signedness and
 * 64/128-bit form the intrinsic has; results and FPSR.QC printed per input
 * (neon_common.h), compared against qemu by tests/neon/run.sh. */
#include "neon_common.h"

/* one intrinsic in its 64-bit (base_sfx) and 128-bit (baseq_sfx) forms */
#define U_DQ(base, sfx, vt, vtq)                                             \
    RUN1(#base "_" #sfx, vt, base##_##sfx(a))                                \
    RUN1(#base "q_" #sfx, vtq, base##q_##sfx(a))
#define B_DQ(base, sfx, vt, vtq)                                             \
    RUN2(#base "_" #sfx, vt, vt, base##_##sfx(a, b))                         \
    RUN2(#base "q_" #sfx, vtq, vtq, base##q_##sfx(a, b))
#define T_DQ(base, sfx, vt, vtq)                                             \
    RUN3(#base "_" #sfx, vt, vt, vt, base##_##sfx(a, b, c))                  \
    RUN3(#base "q_" #sfx, vtq, vtq, vtq, base##q_##sfx(a, b, c))

/* signed and unsigned 8, 16, 32 (BHS) and 64 (D) bit lanes */
#define B_S8(base) B_DQ(base, s8, int8x8_t, int8x16_t)
#define B_U8(base) B_DQ(base, u8, uint8x8_t, uint8x16_t)
#define B_S16(base) B_DQ(base, s16, int16x4_t, int16x8_t)
#define B_U16(base) B_DQ(base, u16, uint16x4_t, uint16x8_t)
#define B_S32(base) B_DQ(base, s32, int32x2_t, int32x4_t)
#define B_U32(base) B_DQ(base, u32, uint32x2_t, uint32x4_t)
#define B_S64(base) B_DQ(base, s64, int64x1_t, int64x2_t)
#define B_U64(base) B_DQ(base, u64, uint64x1_t, uint64x2_t)
#define B_BHS(base)                                                          \
    fill_inputs(1); B_S8(base) B_U8(base)                                    \
    fill_inputs(2); B_S16(base) B_U16(base)                                  \
    fill_inputs(4); B_S32(base) B_U32(base)
#define B_BHSD(base) B_BHS(base) fill_inputs(8); B_S64(base) B_U64(base)

#define T_BHS(base)                                                          \
    fill_inputs(1); T_DQ(base, s8, int8x8_t, int8x16_t) T_DQ(base, u8, uint8x8_t, uint8x16_t) \
    fill_inputs(2); T_DQ(base, s16, int16x4_t, int16x8_t) T_DQ(base, u16, uint16x4_t, uint16x8_t) \
    fill_inputs(4); T_DQ(base, s32, int32x2_t, int32x4_t) T_DQ(base, u32, uint32x2_t, uint32x4_t)

/* signed only (abs, neg, cls, compares with zero, ...) */
#define U_SBHS(base)                                                         \
    fill_inputs(1); U_DQ(base, s8, int8x8_t, int8x16_t)                      \
    fill_inputs(2); U_DQ(base, s16, int16x4_t, int16x8_t)                    \
    fill_inputs(4); U_DQ(base, s32, int32x2_t, int32x4_t)
#define U_SBHSD(base) U_SBHS(base) fill_inputs(8); U_DQ(base, s64, int64x1_t, int64x2_t)

static void arith(void)
{
    B_BHSD(vadd)
    B_BHSD(vsub)
    B_BHSD(vqadd)
    B_BHSD(vqsub)
    B_BHS(vhadd)
    B_BHS(vrhadd)
    B_BHS(vhsub)
    B_BHS(vabd)
    B_BHS(vmax)
    B_BHS(vmin)
    B_BHS(vmul)
    T_BHS(vmla)
    T_BHS(vmls)
    T_BHS(vaba)
    /* polynomial multiply (PMUL) */
    fill_inputs(1);
    B_DQ(vmul, p8, poly8x8_t, poly8x16_t)
    /* saturating doubling multiply returning high half */
    fill_inputs(2);
    B_DQ(vqdmulh, s16, int16x4_t, int16x8_t)
    B_DQ(vqrdmulh, s16, int16x4_t, int16x8_t)
    fill_inputs(4);
    B_DQ(vqdmulh, s32, int32x2_t, int32x4_t)
    B_DQ(vqrdmulh, s32, int32x2_t, int32x4_t)
    /* signed += unsigned and unsigned += signed, saturating (SUQADD/USQADD) */
    fill_inputs(1);
    RUN2("vuqaddq_s8", int8x16_t, uint8x16_t, vuqaddq_s8(a, b))
    RUN2("vsqaddq_u8", uint8x16_t, int8x16_t, vsqaddq_u8(a, b))
    fill_inputs(2);
    RUN2("vuqadd_s16", int16x4_t, uint16x4_t, vuqadd_s16(a, b))
    RUN2("vsqaddq_u16", uint16x8_t, int16x8_t, vsqaddq_u16(a, b))
    fill_inputs(4);
    RUN2("vuqaddq_s32", int32x4_t, uint32x4_t, vuqaddq_s32(a, b))
    RUN2("vsqadd_u32", uint32x2_t, int32x2_t, vsqadd_u32(a, b))
    fill_inputs(8);
    RUN2("vuqaddq_s64", int64x2_t, uint64x2_t, vuqaddq_s64(a, b))
    RUN2("vsqaddq_u64", uint64x2_t, int64x2_t, vsqaddq_u64(a, b))
}

static void unary(void)
{
    U_SBHSD(vabs)
    U_SBHSD(vneg)
    U_SBHSD(vqabs)
    U_SBHSD(vqneg)
    U_SBHS(vcls)
    fill_inputs(1);
    U_DQ(vclz, s8, int8x8_t, int8x16_t)
    U_DQ(vclz, u8, uint8x8_t, uint8x16_t)
    U_DQ(vcnt, u8, uint8x8_t, uint8x16_t)
    U_DQ(vmvn, u8, uint8x8_t, uint8x16_t)
    U_DQ(vrbit, u8, uint8x8_t, uint8x16_t)
    fill_inputs(2);
    U_DQ(vclz, u16, uint16x4_t, uint16x8_t)
    U_DQ(vmvn, s16, int16x4_t, int16x8_t)
    fill_inputs(4);
    U_DQ(vclz, u32, uint32x2_t, uint32x4_t)
    U_DQ(vclz, s32, int32x2_t, int32x4_t)
    U_DQ(vrecpe, u32, uint32x2_t, uint32x4_t)
    U_DQ(vrsqrte, u32, uint32x2_t, uint32x4_t)
}

static void logic(void)
{
    B_BHSD(vand)
    B_BHSD(vorr)
    B_BHSD(veor)
    B_BHSD(vbic)
    B_BHSD(vorn)
    /* bit select: BSL, BIT or BIF, whichever register the compiler reuses */
    fill_inputs(1);
    RUN3("vbsl_u8", uint8x8_t, uint8x8_t, uint8x8_t, vbsl_u8(a, b, c))
    RUN3("vbslq_u8", uint8x16_t, uint8x16_t, uint8x16_t, vbslq_u8(a, b, c))
    RUN3("vbslq_s8/bif", uint8x16_t, int8x16_t, int8x16_t, vbslq_s8(a, b, vbslq_s8(a, c, b)))
    fill_inputs(8);
    RUN3("vbslq_u64", uint64x2_t, uint64x2_t, uint64x2_t, vbslq_u64(a, b, c))
    /* three-way exclusive or built from two EORs */
    fill_inputs(4);
    RUN3("veor3 (2x eor)", uint32x4_t, uint32x4_t, uint32x4_t, veorq_u32(veorq_u32(a, b), c))
}

static void compares(void)
{
    B_BHSD(vceq)
    B_BHSD(vcge)
    B_BHSD(vcgt)
    B_BHSD(vcle)
    B_BHSD(vclt)
    B_BHSD(vtst)
    U_SBHSD(vceqz)
    U_SBHSD(vcgez)
    U_SBHSD(vcgtz)
    U_SBHSD(vclez)
    U_SBHSD(vcltz)
    fill_inputs(1);
    U_DQ(vceqz, u8, uint8x8_t, uint8x16_t)
}

/* scalar forms: one lane in a SIMD&FP register (the "AdvSIMD scalar" groups) */
#define RUN2X(name, t, expr)                                                 \
    for (int k = 0; k < nt_nin; k++) {                                       \
        t a, b;                                                              \
        memcpy(&a, IN_A[k], sizeof a);                                       \
        memcpy(&b, IN_B[k], sizeof b);                                       \
        fpsr_clear();                                                        \
        __asm__ volatile("" : "+w"(a), "+w"(b));                             \
        t r = (expr);                                                        \
        __asm__ volatile("" : "+w"(r));                                      \
        unsigned f = fpsr_get();                                             \
        print_result(name, k, &r, sizeof r, f);                              \
    }
#define RUN1X(name, t, expr)                                                 \
    for (int k = 0; k < nt_nin; k++) {                                       \
        t a;                                                                 \
        memcpy(&a, IN_A[k], sizeof a);                                       \
        fpsr_clear();                                                        \
        __asm__ volatile("" : "+w"(a));                                      \
        __typeof__(expr) r = (expr);                                         \
        __asm__ volatile("" : "+w"(r));                                      \
        unsigned f = fpsr_get();                                             \
        print_result(name, k, &r, sizeof r, f);                              \
    }

static void scalars(void)
{
    fill_inputs(1);
    RUN2X("vqaddb_s8", int8_t, vqaddb_s8(a, b))
    RUN2X("vqsubb_u8", uint8_t, vqsubb_u8(a, b))
    RUN1X("vqabsb_s8", int8_t, vqabsb_s8(a))
    RUN1X("vqnegb_s8", int8_t, vqnegb_s8(a))
    fill_inputs(2);
    RUN2X("vqaddh_u16", uint16_t, vqaddh_u16(a, b))
    RUN2X("vqsubh_s16", int16_t, vqsubh_s16(a, b))
    RUN2X("vqdmulhh_s16", int16_t, vqdmulhh_s16(a, b))
    RUN2X("vqrdmulhh_s16", int16_t, vqrdmulhh_s16(a, b))
    fill_inputs(4);
    RUN2X("vqadds_s32", int32_t, vqadds_s32(a, b))
    RUN2X("vqsubs_u32", uint32_t, vqsubs_u32(a, b))
    RUN2X("vqdmulhs_s32", int32_t, vqdmulhs_s32(a, b))
    RUN2X("vqrdmulhs_s32", int32_t, vqrdmulhs_s32(a, b))
    RUN1X("vqnegs_s32", int32_t, vqnegs_s32(a))
    RUN1X("vqmovnd_s64->s32", int64_t, vqmovnd_s64(a))
    fill_inputs(8);
    RUN2X("vaddd_s64", int64_t, vaddd_s64(a, b))
    RUN2X("vsubd_u64", uint64_t, vsubd_u64(a, b))
    RUN2X("vqaddd_s64", int64_t, vqaddd_s64(a, b))
    RUN2X("vqaddd_u64", uint64_t, vqaddd_u64(a, b))
    RUN2X("vqsubd_s64", int64_t, vqsubd_s64(a, b))
    RUN2X("vqsubd_u64", uint64_t, vqsubd_u64(a, b))
    RUN1X("vceqd_s64", int64_t, vceqd_s64(a, IN_B[k][0] & 1 ? a : (int64_t)IN_B[k][1]))
    RUN1X("vcgtd_s64", int64_t, vcgtd_s64(a, 5))
    RUN1X("vcltzd_s64", int64_t, vcltzd_s64(a))
    RUN1X("vtstd_u64", uint64_t, vtstd_u64(a, 0x8000000000000001ull))
    RUN1X("vabsd_s64", int64_t, vabsd_s64(a))
    RUN1X("vnegd_s64", int64_t, vnegd_s64(a))
    RUN1X("vqabsd_s64", int64_t, vqabsd_s64(a))
}

int main(void)
{
    arith();
    unary();
    logic();
    compares();
    scalars();
    nt_done("neon_int");
    return 0;
}
