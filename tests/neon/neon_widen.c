/* neon_widen — NEON widening, narrowing, pairwise, across-lanes and
 * by-element operations through arm_neon.h: long and wide add/sub, long
 * multiply(-accumulate) including polynomial and saturating doubling forms,
 * absolute-difference long (and accumulate), add/sub returning the high half
 * (plain and rounding), extract-narrow (plain, saturating, signed to
 * unsigned) and their _high forms, pairwise add/max/min and add-long
 * (accumulate), reductions across lanes (add, add-long, max, min), and
 * multiplies by a lane or by a scalar. Results and FPSR.QC printed per input
 * (neon_common.h), compared against qemu by tests/neon/run.sh. */
#include "neon_common.h"

/* a long/wide op for the three source sizes, signed and unsigned */
#define L2_S(base)                                                           \
    fill_inputs(1); RUN2(#base "_s8", int8x8_t, int8x8_t, base##_s8(a, b))     \
    fill_inputs(2); RUN2(#base "_s16", int16x4_t, int16x4_t, base##_s16(a, b)) \
    fill_inputs(4); RUN2(#base "_s32", int32x2_t, int32x2_t, base##_s32(a, b))
#define L2_U(base)                                                           \
    fill_inputs(1); RUN2(#base "_u8", uint8x8_t, uint8x8_t, base##_u8(a, b))   \
    fill_inputs(2); RUN2(#base "_u16", uint16x4_t, uint16x4_t, base##_u16(a, b)) \
    fill_inputs(4); RUN2(#base "_u32", uint32x2_t, uint32x2_t, base##_u32(a, b))
#define L2H_S(base)                                                          \
    fill_inputs(1); RUN2(#base "_s8", int8x16_t, int8x16_t, base##_s8(a, b))   \
    fill_inputs(2); RUN2(#base "_s16", int16x8_t, int16x8_t, base##_s16(a, b)) \
    fill_inputs(4); RUN2(#base "_s32", int32x4_t, int32x4_t, base##_s32(a, b))
#define L2H_U(base)                                                          \
    fill_inputs(1); RUN2(#base "_u8", uint8x16_t, uint8x16_t, base##_u8(a, b)) \
    fill_inputs(2); RUN2(#base "_u16", uint16x8_t, uint16x8_t, base##_u16(a, b)) \
    fill_inputs(4); RUN2(#base "_u32", uint32x4_t, uint32x4_t, base##_u32(a, b))
/* wide: 128-bit accumulator-sized a, 64-bit b */
#define W2(base)                                                             \
    fill_inputs(1); RUN2(#base "_s8", int16x8_t, int8x8_t, base##_s8(a, b))    \
    RUN2(#base "_u8", uint16x8_t, uint8x8_t, base##_u8(a, b))                  \
    fill_inputs(2); RUN2(#base "_s16", int32x4_t, int16x4_t, base##_s16(a, b)) \
    RUN2(#base "_u16", uint32x4_t, uint16x4_t, base##_u16(a, b))               \
    fill_inputs(4); RUN2(#base "_s32", int64x2_t, int32x2_t, base##_s32(a, b)) \
    RUN2(#base "_u32", uint64x2_t, uint32x2_t, base##_u32(a, b))
/* multiply-accumulate long: 128-bit a, 64-bit b and c */
#define ML3(base)                                                            \
    fill_inputs(1); RUN3(#base "_s8", int16x8_t, int8x8_t, int8x8_t, base##_s8(a, b, c)) \
    RUN3(#base "_u8", uint16x8_t, uint8x8_t, uint8x8_t, base##_u8(a, b, c))    \
    fill_inputs(2); RUN3(#base "_s16", int32x4_t, int16x4_t, int16x4_t, base##_s16(a, b, c)) \
    RUN3(#base "_u16", uint32x4_t, uint16x4_t, uint16x4_t, base##_u16(a, b, c)) \
    fill_inputs(4); RUN3(#base "_s32", int64x2_t, int32x2_t, int32x2_t, base##_s32(a, b, c)) \
    RUN3(#base "_u32", uint64x2_t, uint32x2_t, uint32x2_t, base##_u32(a, b, c))

static void longs(void)
{
    L2_S(vaddl) L2_U(vaddl)
    L2_S(vsubl) L2_U(vsubl)
    L2H_S(vaddl_high) L2H_U(vsubl_high)
    W2(vaddw) W2(vsubw)
    fill_inputs(1);
    RUN2("vaddw_high_u8", uint16x8_t, uint8x16_t, vaddw_high_u8(a, b))
    RUN2("vsubw_high_s8", int16x8_t, int8x16_t, vsubw_high_s8(a, b))
    L2_S(vmull) L2_U(vmull)
    L2H_S(vmull_high) L2H_U(vmull_high)
    fill_inputs(1);
    RUN2("vmull_p8", poly8x8_t, poly8x8_t, vmull_p8(a, b))
    RUN2("vmull_high_p8", poly8x16_t, poly8x16_t, vmull_high_p8(a, b))
    ML3(vmlal) ML3(vmlsl)
    L2_S(vabdl) L2_U(vabdl)
    ML3(vabal)
    fill_inputs(2);
    RUN2("vqdmull_s16", int16x4_t, int16x4_t, vqdmull_s16(a, b))
    RUN2("vqdmull_high_s16", int16x8_t, int16x8_t, vqdmull_high_s16(a, b))
    RUN3("vqdmlal_s16", int32x4_t, int16x4_t, int16x4_t, vqdmlal_s16(a, b, c))
    RUN3("vqdmlsl_s16", int32x4_t, int16x4_t, int16x4_t, vqdmlsl_s16(a, b, c))
    fill_inputs(4);
    RUN2("vqdmull_s32", int32x2_t, int32x2_t, vqdmull_s32(a, b))
    RUN3("vqdmlal_s32", int64x2_t, int32x2_t, int32x2_t, vqdmlal_s32(a, b, c))
    RUN3("vqdmlsl_high_s32", int64x2_t, int32x4_t, int32x4_t, vqdmlsl_high_s32(a, b, c))
    /* saturating doubling with both operands at the minimum: the one overflow */
    {
        int16x4_t a = vdup_n_s16(INT16_MIN), b = vdup_n_s16(INT16_MIN);
        fpsr_clear();
        BARRIER_IN(a);
        int32x4_t r = vqdmull_s16(a, b);
        BARRIER_OUT(r);
        print_result("vqdmull_s16(min,min)", 0, &r, sizeof r, fpsr_get());
    }
}

static void narrows(void)
{
    fill_inputs(2);
    RUN2("vaddhn_s16", int16x8_t, int16x8_t, vaddhn_s16(a, b))
    RUN2("vraddhn_u16", uint16x8_t, uint16x8_t, vraddhn_u16(a, b))
    RUN2("vsubhn_u16", uint16x8_t, uint16x8_t, vsubhn_u16(a, b))
    RUN2("vrsubhn_s16", int16x8_t, int16x8_t, vrsubhn_s16(a, b))
    RUN1("vmovn_u16", uint16x8_t, vmovn_u16(a))
    RUN1("vqmovn_s16", int16x8_t, vqmovn_s16(a))
    RUN1("vqmovn_u16", uint16x8_t, vqmovn_u16(a))
    RUN1("vqmovun_s16", int16x8_t, vqmovun_s16(a))
    fill_inputs(4);
    RUN2("vaddhn_u32", uint32x4_t, uint32x4_t, vaddhn_u32(a, b))
    RUN2("vraddhn_s32", int32x4_t, int32x4_t, vraddhn_s32(a, b))
    RUN2("vrsubhn_u32", uint32x4_t, uint32x4_t, vrsubhn_u32(a, b))
    RUN1("vmovn_s32", int32x4_t, vmovn_s32(a))
    RUN1("vqmovn_s32", int32x4_t, vqmovn_s32(a))
    RUN1("vqmovn_u32", uint32x4_t, vqmovn_u32(a))
    RUN1("vqmovun_s32", int32x4_t, vqmovun_s32(a))
    fill_inputs(8);
    RUN2("vaddhn_s64", int64x2_t, int64x2_t, vaddhn_s64(a, b))
    RUN2("vraddhn_u64", uint64x2_t, uint64x2_t, vraddhn_u64(a, b))
    RUN2("vsubhn_s64", int64x2_t, int64x2_t, vsubhn_s64(a, b))
    RUN1("vmovn_u64", uint64x2_t, vmovn_u64(a))
    RUN1("vqmovn_s64", int64x2_t, vqmovn_s64(a))
    RUN1("vqmovn_u64", uint64x2_t, vqmovn_u64(a))
    RUN1("vqmovun_s64", int64x2_t, vqmovun_s64(a))
    /* _high: the low half is kept */
    fill_inputs(2);
    RUN2("vmovn_high_s16", int8x8_t, int16x8_t, vmovn_high_s16(a, b))
    RUN2("vqmovun_high_s16", uint8x8_t, int16x8_t, vqmovun_high_s16(a, b))
    fill_inputs(4);
    RUN2("vqmovn_high_u32", uint16x4_t, uint32x4_t, vqmovn_high_u32(a, b))
    RUN3("vaddhn_high_s32", int16x4_t, int32x4_t, int32x4_t, vaddhn_high_s32(a, b, c))
    RUN3("vrsubhn_high_u32", uint16x4_t, uint32x4_t, uint32x4_t, vrsubhn_high_u32(a, b, c))
    fill_inputs(8);
    RUN2("vqmovn_high_s64", int32x2_t, int64x2_t, vqmovn_high_s64(a, b))
}

#define P2_DQ(base, sfx, vt, vtq)                                            \
    RUN2(#base "_" #sfx, vt, vt, base##_##sfx(a, b))                         \
    RUN2(#base "q_" #sfx, vtq, vtq, base##q_##sfx(a, b))

static void pairwise(void)
{
    fill_inputs(1);
    P2_DQ(vpadd, s8, int8x8_t, int8x16_t)
    P2_DQ(vpmax, u8, uint8x8_t, uint8x16_t)
    P2_DQ(vpmin, s8, int8x8_t, int8x16_t)
    RUN1("vpaddl_s8", int8x8_t, vpaddl_s8(a))
    RUN1("vpaddlq_u8", uint8x16_t, vpaddlq_u8(a))
    RUN2("vpadalq_s8", int16x8_t, int8x16_t, vpadalq_s8(a, b))
    RUN2("vpadal_u8", uint16x4_t, uint8x8_t, vpadal_u8(a, b))
    fill_inputs(2);
    P2_DQ(vpadd, u16, uint16x4_t, uint16x8_t)
    P2_DQ(vpmax, s16, int16x4_t, int16x8_t)
    P2_DQ(vpmin, u16, uint16x4_t, uint16x8_t)
    RUN1("vpaddlq_s16", int16x8_t, vpaddlq_s16(a))
    RUN2("vpadalq_u16", uint32x4_t, uint16x8_t, vpadalq_u16(a, b))
    fill_inputs(4);
    P2_DQ(vpadd, s32, int32x2_t, int32x4_t)
    P2_DQ(vpmax, u32, uint32x2_t, uint32x4_t)
    P2_DQ(vpmin, s32, int32x2_t, int32x4_t)
    RUN1("vpaddl_u32", uint32x2_t, vpaddl_u32(a))
    RUN2("vpadalq_s32", int64x2_t, int32x4_t, vpadalq_s32(a, b))
    fill_inputs(8);
    RUN2("vpaddq_u64", uint64x2_t, uint64x2_t, vpaddq_u64(a, b))
    RUN1("vpaddd_s64", int64x2_t, vdup_n_s64(vpaddd_s64(a)))
}

/* reductions to one lane, every type they exist for */
#define ACR(base, sfx, vt) RUN1S(#base "_" #sfx, vt, base##_##sfx(a))
#define ACR_DQ(base, sfx, vt, vtq) ACR(base, sfx, vt) RUN1S(#base "q_" #sfx, vtq, base##q_##sfx(a))

static void across(void)
{
    fill_inputs(1);
    ACR_DQ(vaddv, s8, int8x8_t, int8x16_t) ACR_DQ(vaddv, u8, uint8x8_t, uint8x16_t)
    ACR_DQ(vaddlv, s8, int8x8_t, int8x16_t) ACR_DQ(vaddlv, u8, uint8x8_t, uint8x16_t)
    ACR_DQ(vmaxv, s8, int8x8_t, int8x16_t) ACR_DQ(vmaxv, u8, uint8x8_t, uint8x16_t)
    ACR_DQ(vminv, s8, int8x8_t, int8x16_t) ACR_DQ(vminv, u8, uint8x8_t, uint8x16_t)
    fill_inputs(2);
    ACR_DQ(vaddv, s16, int16x4_t, int16x8_t) ACR_DQ(vaddv, u16, uint16x4_t, uint16x8_t)
    ACR_DQ(vaddlv, s16, int16x4_t, int16x8_t) ACR_DQ(vaddlv, u16, uint16x4_t, uint16x8_t)
    ACR_DQ(vmaxv, s16, int16x4_t, int16x8_t) ACR_DQ(vmaxv, u16, uint16x4_t, uint16x8_t)
    ACR_DQ(vminv, s16, int16x4_t, int16x8_t) ACR_DQ(vminv, u16, uint16x4_t, uint16x8_t)
    fill_inputs(4);
    ACR_DQ(vaddv, s32, int32x2_t, int32x4_t) ACR_DQ(vaddv, u32, uint32x2_t, uint32x4_t)
    ACR_DQ(vaddlv, s32, int32x2_t, int32x4_t) ACR_DQ(vaddlv, u32, uint32x2_t, uint32x4_t)
    ACR_DQ(vmaxv, s32, int32x2_t, int32x4_t) ACR_DQ(vminv, u32, uint32x2_t, uint32x4_t)
    fill_inputs(8);
    ACR(vaddvq, s64, int64x2_t) ACR(vaddvq, u64, uint64x2_t)
}

/* multiplies by one lane of another vector, and by a scalar */
static void by_element(void)
{
    fill_inputs(2);
    RUN2("vmul_lane_s16 [3]", int16x4_t, int16x4_t, vmul_lane_s16(a, b, 3))
    RUN2("vmulq_laneq_u16 [7]", uint16x8_t, uint16x8_t, vmulq_laneq_u16(a, b, 7))
    RUN3("vmla_lane_s16 [0]", int16x4_t, int16x4_t, int16x4_t, vmla_lane_s16(a, b, c, 0))
    RUN3("vmlsq_laneq_s16 [5]", int16x8_t, int16x8_t, int16x8_t, vmlsq_laneq_s16(a, b, c, 5))
    RUN2("vmull_lane_s16 [2]", int16x4_t, int16x4_t, vmull_lane_s16(a, b, 2))
    RUN2("vmull_high_laneq_u16 [6]", uint16x8_t, uint16x8_t, vmull_high_laneq_u16(a, b, 6))
    RUN3("vmlal_laneq_s16 [4]", int32x4_t, int16x4_t, int16x8_t, vmlal_laneq_s16(a, b, c, 4))
    RUN3("vmlsl_lane_u16 [1]", uint32x4_t, uint16x4_t, uint16x4_t, vmlsl_lane_u16(a, b, c, 1))
    RUN2("vqdmulh_lane_s16 [1]", int16x4_t, int16x4_t, vqdmulh_lane_s16(a, b, 1))
    RUN2("vqrdmulhq_laneq_s16 [7]", int16x8_t, int16x8_t, vqrdmulhq_laneq_s16(a, b, 7))
    RUN2("vqdmull_lane_s16 [3]", int16x4_t, int16x4_t, vqdmull_lane_s16(a, b, 3))
    RUN3("vqdmlal_lane_s16 [0]", int32x4_t, int16x4_t, int16x4_t, vqdmlal_lane_s16(a, b, c, 0))
    RUN3("vqdmlsl_high_laneq_s16 [2]", int32x4_t, int16x8_t, int16x8_t, vqdmlsl_high_laneq_s16(a, b, c, 2))
    RUN1("vmul_n_s16", int16x4_t, vmul_n_s16(a, (int16_t)IN_B[k][0]))
    RUN2("vmla_n_u16", uint16x4_t, uint16x4_t, vmla_n_u16(a, b, 0x1234))
    fill_inputs(4);
    RUN2("vmul_lane_u32 [1]", uint32x2_t, uint32x2_t, vmul_lane_u32(a, b, 1))
    RUN2("vmulq_laneq_s32 [3]", int32x4_t, int32x4_t, vmulq_laneq_s32(a, b, 3))
    RUN3("vmlaq_lane_s32 [1]", int32x4_t, int32x4_t, int32x2_t, vmlaq_lane_s32(a, b, c, 1))
    RUN2("vmull_laneq_s32 [2]", int32x2_t, int32x4_t, vmull_laneq_s32(a, b, 2))
    RUN3("vmlal_high_lane_u32 [0]", uint64x2_t, uint32x4_t, uint32x2_t, vmlal_high_lane_u32(a, b, c, 0))
    RUN2("vqdmulhq_laneq_s32 [0]", int32x4_t, int32x4_t, vqdmulhq_laneq_s32(a, b, 0))
    RUN2("vqrdmulh_lane_s32 [1]", int32x2_t, int32x2_t, vqrdmulh_lane_s32(a, b, 1))
    RUN2("vqdmull_laneq_s32 [3]", int32x2_t, int32x4_t, vqdmull_laneq_s32(a, b, 3))
    RUN1("vmulq_n_u32", uint32x4_t, vmulq_n_u32(a, 0x9e3779b9u))
    RUN1("vqdmulhs_laneq_s32 [1]", int32x4_t, vdupq_n_s32(vqdmulhs_laneq_s32(vgetq_lane_s32(a, 0), a, 1)))
}

int main(void)
{
    longs();
    narrows();
    pairwise();
    across();
    by_element();
    nt_done("neon_widen");
    return 0;
}
