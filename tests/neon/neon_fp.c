/* neon_fp — NEON floating-point vector arithmetic through arm_neon.h, single
 * and double precision: add/sub/mul/div, fused and unfused multiply-add,
 * mulx, absolute difference, abs/neg/sqrt, max/min (NaN-propagating and
 * maxNum/minNum), pairwise add/max/min, across-lanes max/min, compares
 * (ordinary, absolute, against zero), reciprocal and reciprocal-square-root
 * estimates and their Newton-Raphson steps, reciprocal exponent, and
 * multiplies by a lane. The inputs walk signed zeros, infinities, quiet and
 * signalling NaNs with payloads, subnormals, limits and random values
 * (neon_common.h), and everything runs under several FPCR settings:
 * rounding modes, flush-to-zero (FZ) and default-NaN (DN). Each line shows
 * the result bits and the FPSR flags raised; compared against qemu by
 * tests/neon/run.sh. */
#include "neon_common.h"

#define B_F(base)                                                            \
    fill_fp_inputs(4);                                                       \
    RUN2(#base "_f32", float32x2_t, float32x2_t, base##_f32(a, b))           \
    RUN2(#base "q_f32", float32x4_t, float32x4_t, base##q_f32(a, b))         \
    fill_fp_inputs(8);                                                       \
    RUN2(#base "q_f64", float64x2_t, float64x2_t, base##q_f64(a, b))
#define U_F(base)                                                            \
    fill_fp_inputs(4);                                                       \
    RUN1(#base "_f32", float32x2_t, base##_f32(a))                           \
    RUN1(#base "q_f32", float32x4_t, base##q_f32(a))                         \
    fill_fp_inputs(8);                                                       \
    RUN1(#base "q_f64", float64x2_t, base##q_f64(a))
#define T_F(base)                                                            \
    fill_fp_inputs(4);                                                       \
    RUN3(#base "q_f32", float32x4_t, float32x4_t, float32x4_t, base##q_f32(a, b, c)) \
    fill_fp_inputs(8);                                                       \
    RUN3(#base "q_f64", float64x2_t, float64x2_t, float64x2_t, base##q_f64(a, b, c)) \
    RUN3(#base "_f64", float64x1_t, float64x1_t, float64x1_t, base##_f64(a, b, c))

static void arith(void)
{
    B_F(vadd)
    B_F(vsub)
    B_F(vmul)
    B_F(vdiv)
    B_F(vmulx)
    B_F(vabd)
    B_F(vmax)
    B_F(vmin)
    B_F(vmaxnm)
    B_F(vminnm)
    B_F(vrecps)
    B_F(vrsqrts)
    T_F(vfma)
    T_F(vfms)
    /* unfused multiply-add: FMUL then FADD, two roundings */
    fill_fp_inputs(4);
    RUN3("vmlaq_f32", float32x4_t, float32x4_t, float32x4_t, vmlaq_f32(a, b, c))
    RUN3("vmlsq_f32", float32x4_t, float32x4_t, float32x4_t, vmlsq_f32(a, b, c))
    U_F(vabs)
    U_F(vneg)
    U_F(vsqrt)
    U_F(vrecpe)
    U_F(vrsqrte)
    fill_fp_inputs(4);
    RUN1("vrecpxs_f32", float32x4_t, vdupq_n_f32(vrecpxs_f32(vgetq_lane_f32(a, 1))))
    fill_fp_inputs(8);
    RUN1("vrecpxd_f64", float64x2_t, vdupq_n_f64(vrecpxd_f64(vgetq_lane_f64(a, 0))))
}

static void pairwise_across(void)
{
    B_F(vpadd)
    B_F(vpmax)
    B_F(vpmin)
    B_F(vpmaxnm)
    B_F(vpminnm)
    fill_fp_inputs(4);
    RUN1("vmaxvq_f32", float32x4_t, vdupq_n_f32(vmaxvq_f32(a)))
    RUN1("vminvq_f32", float32x4_t, vdupq_n_f32(vminvq_f32(a)))
    RUN1("vmaxnmvq_f32", float32x4_t, vdupq_n_f32(vmaxnmvq_f32(a)))
    RUN1("vminnmv_f32", float32x2_t, vdupq_n_f32(vminnmv_f32(a)))
    RUN1("vaddvq_f32", float32x4_t, vdupq_n_f32(vaddvq_f32(a)))
    RUN1("vpadds_f32", float32x2_t, vdupq_n_f32(vpadds_f32(a)))
    fill_fp_inputs(8);
    RUN1("vmaxvq_f64", float64x2_t, vdupq_n_f64(vmaxvq_f64(a)))
    RUN1("vminnmvq_f64", float64x2_t, vdupq_n_f64(vminnmvq_f64(a)))
    RUN1("vpaddd_f64", float64x2_t, vdupq_n_f64(vpaddd_f64(a)))
}

static void compares(void)
{
    B_F(vceq)
    B_F(vcge)
    B_F(vcgt)
    B_F(vcle)
    B_F(vclt)
    B_F(vcage)
    B_F(vcagt)
    B_F(vcale)
    B_F(vcalt)
    U_F(vceqz)
    U_F(vcgez)
    U_F(vcgtz)
    U_F(vclez)
    U_F(vcltz)
}

static void by_element(void)
{
    fill_fp_inputs(4);
    RUN2("vmulq_laneq_f32 [3]", float32x4_t, float32x4_t, vmulq_laneq_f32(a, b, 3))
    RUN2("vmul_lane_f32 [1]", float32x2_t, float32x2_t, vmul_lane_f32(a, b, 1))
    RUN2("vmulxq_laneq_f32 [2]", float32x4_t, float32x4_t, vmulxq_laneq_f32(a, b, 2))
    RUN3("vfmaq_laneq_f32 [0]", float32x4_t, float32x4_t, float32x4_t, vfmaq_laneq_f32(a, b, c, 0))
    RUN3("vfmsq_lane_f32 [1]", float32x4_t, float32x4_t, float32x2_t, vfmsq_lane_f32(a, b, c, 1))
    RUN2("vmulq_n_f32", float32x4_t, float32x4_t, vmulq_n_f32(a, vgetq_lane_f32(b, 2)))
    RUN3("vfmaq_n_f32", float32x4_t, float32x4_t, float32x4_t, vfmaq_n_f32(a, b, vgetq_lane_f32(c, 3)))
    fill_fp_inputs(8);
    RUN2("vmulq_laneq_f64 [1]", float64x2_t, float64x2_t, vmulq_laneq_f64(a, b, 1))
    RUN3("vfmaq_laneq_f64 [1]", float64x2_t, float64x2_t, float64x2_t, vfmaq_laneq_f64(a, b, c, 1))
    RUN3("vfmsq_laneq_f64 [0]", float64x2_t, float64x2_t, float64x2_t, vfmsq_laneq_f64(a, b, c, 0))
    RUN2("vmulxq_laneq_f64 [0]", float64x2_t, float64x2_t, vmulxq_laneq_f64(a, b, 0))
    RUN2("vmuld_laneq_f64 [1]", float64x2_t, float64x2_t, vdupq_n_f64(vmuld_laneq_f64(vgetq_lane_f64(a, 0), b, 1)))
}

int main(void)
{
    static const struct { const char *name; unsigned fpcr; } modes[] = {
        { "RN", 0 },
        { "RZ", FPCR_RMODE(3) },
        { "RP FZ", FPCR_RMODE(1) | FPCR_FZ },
        { "RM DN", FPCR_RMODE(2) | FPCR_DN },
        { "RN FZ DN", FPCR_FZ | FPCR_DN },
    };
    for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        printf("== FPCR %s (%08x)\n", modes[m].name, modes[m].fpcr);
        fpcr_set(modes[m].fpcr);
        arith();
        pairwise_across();
        compares();
        by_element();
        fpcr_set(0);
        printf("   FPCR read back %08x\n", fpcr_get());
    }
    nt_done("neon_fp");
    return 0;
}
