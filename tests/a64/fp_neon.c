/* fp_neon.c — AdvSIMD floating point through <arm_neon.h> as C code uses it:
 * arithmetic, fused multiply-add (also by lane), min/max (NM), pairwise and
 * across-lane reductions, compares (also absolute and against zero),
 * conversions (rounding variants, fixed point, widening/narrowing incl.
 * halves and round-to-odd), rounding to integral, estimates and Newton
 * steps, in float32x4/float32x2/float64x2 and the scalar intrinsics; each
 * over vectors of edge values, printing the result lanes and FPSR. */
#include <arm_neon.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t get_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v)::"memory");
    return v;
}
static void set_fpsr(uint64_t v) { __asm__ volatile("msr fpsr, %0" : : "r"(v) : "memory"); }

static const float fe[] = {
    0.0f, -0.0f, 1.0f, -1.0f, 0.5f, 2.5f, -2.5f, 3.0f, 1e-40f, -1e-45f, FLT_MIN, FLT_MAX,
    -FLT_MAX, 1e10f, -3e9f, 0.1f, INFINITY, -INFINITY, NAN, -NAN, 16777217.0f, 0.33333334f,
};
static const double de[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -2.5, 3.0, 1e-310, -5e-324, DBL_MIN, DBL_MAX, -DBL_MAX,
    1e19, -9.3e18, 0.1, INFINITY, -INFINITY, NAN, -NAN, 9007199254740993.0, 1.0 / 3,
};
#define NF (sizeof(fe) / sizeof(fe[0]))
#define ND (sizeof(de) / sizeof(de[0]))

/* signalling NaNs go in by bit pattern */
static float32x4_t fvec(unsigned i)
{
    float32x4_t v = {fe[i % NF], fe[(i + 5) % NF], fe[(i + 11) % NF], fe[(i + 17) % NF]};
    if (i % 7 == 3)
        v = vreinterpretq_f32_u32(vsetq_lane_u32(0x7fa00001u, vreinterpretq_u32_f32(v), 2));
    return v;
}
static float64x2_t dvec(unsigned i)
{
    float64x2_t v = {de[i % ND], de[(i + 9) % ND]};
    if (i % 5 == 2)
        v = vreinterpretq_f64_u64(vsetq_lane_u64(0xfff4000000000001ull, vreinterpretq_u64_f64(v), 0));
    return v;
}

static volatile uint64_t sink;
static void out128(const char *name, unsigned i, uint64x2_t r)
{
    uint64_t f = get_fpsr();
    printf("%-10s %2u %016" PRIx64 " %016" PRIx64 " %08" PRIx64 "\n", name, i,
           vgetq_lane_u64(r, 1), vgetq_lane_u64(r, 0), f);
    set_fpsr(0);
}
#define OUTF(name, i, v) out128(name, i, vreinterpretq_u64_f32(v))
#define OUTD(name, i, v) out128(name, i, vreinterpretq_u64_f64(v))
#define OUTU32(name, i, v) out128(name, i, vreinterpretq_u64_u32(v))
#define OUTS32(name, i, v) out128(name, i, vreinterpretq_u64_s32(v))
#define OUTU64(name, i, v) out128(name, i, v)
#define OUTS64(name, i, v) out128(name, i, vreinterpretq_u64_s64(v))
#define OUT64(name, i, v) out128(name, i, vcombine_u64(vcreate_u64(v), vcreate_u64(0)))

/* keep GCC from evaluating intrinsics on constants */
static volatile unsigned vi;

int main(void)
{
    set_fpsr(0);
    for (unsigned n = 0; n < NF; n++) {
        vi = n;
        unsigned i = vi;
        float32x4_t a = fvec(i), b = fvec(i * 3 + 1), c = fvec(i + 2);
        float32x2_t a2 = vget_low_f32(a), b2 = vget_high_f32(b);
        set_fpsr(0);
        OUTF("add", i, vaddq_f32(a, b));
        OUTF("sub", i, vsubq_f32(a, b));
        OUTF("mul", i, vmulq_f32(a, b));
        OUTF("div", i, vdivq_f32(a, b));
        OUTF("fma", i, vfmaq_f32(c, a, b));
        OUTF("fms", i, vfmsq_f32(c, a, b));
        OUTF("fma_lane", i, vfmaq_laneq_f32(c, a, b, 2));
        OUTF("mul_lane", i, vmulq_lane_f32(a, b2, 1));
        OUTF("mulx", i, vmulxq_f32(a, b));
        OUTF("abd", i, vabdq_f32(a, b));
        OUTF("max", i, vmaxq_f32(a, b));
        OUTF("min", i, vminq_f32(a, b));
        OUTF("maxnm", i, vmaxnmq_f32(a, b));
        OUTF("minnm", i, vminnmq_f32(a, b));
        OUTF("padd", i, vpaddq_f32(a, b));
        OUTF("pmax", i, vpmaxq_f32(a, b));
        OUTF("pminnm", i, vpminnmq_f32(a, b));
        {
            float32x4_t m = {vmaxvq_f32(a), vminvq_f32(a), vmaxnmvq_f32(b), vminnmvq_f32(b)};
            OUTF("across", i, m);
        }
        OUTU32("ceq", i, vceqq_f32(a, b));
        OUTU32("cge", i, vcgeq_f32(a, b));
        OUTU32("cgt", i, vcgtq_f32(a, b));
        OUTU32("cage", i, vcageq_f32(a, b));
        OUTU32("calt", i, vcaltq_f32(a, b));
        OUTU32("ceqz", i, vceqzq_f32(a));
        OUTU32("cltz", i, vcltzq_f32(a));
        OUTF("abs", i, vabsq_f32(a));
        OUTF("neg", i, vnegq_f32(a));
        OUTF("sqrt", i, vsqrtq_f32(a));
        OUTF("rndn", i, vrndnq_f32(a));
        OUTF("rndm", i, vrndmq_f32(a));
        OUTF("rnda", i, vrndaq_f32(a));
        OUTF("rndx", i, vrndxq_f32(a));
        OUTF("rndi", i, vrndiq_f32(a));
        OUTS32("cvt", i, vcvtq_s32_f32(a));
        OUTU32("cvtu", i, vcvtq_u32_f32(a));
        OUTS32("cvtn", i, vcvtnq_s32_f32(a));
        OUTS32("cvtm", i, vcvtmq_s32_f32(a));
        OUTU32("cvtpu", i, vcvtpq_u32_f32(a));
        OUTS32("cvta", i, vcvtaq_s32_f32(a));
        OUTS32("cvt_n", i, vcvtq_n_s32_f32(a, 7));
        OUTF("scvt", i, vcvtq_f32_s32(vreinterpretq_s32_f32(a)));
        OUTF("ucvt", i, vcvtq_f32_u32(vreinterpretq_u32_f32(a)));
        OUTF("ucvt_n", i, vcvtq_n_f32_u32(vreinterpretq_u32_f32(a), 31));
        OUTF("recpe", i, vrecpeq_f32(a));
        OUTF("rsqrte", i, vrsqrteq_f32(a));
        OUTF("recps", i, vrecpsq_f32(a, b));
        OUTF("rsqrts", i, vrsqrtsq_f32(a, b));
        OUTU32("urecpe", i, vrecpeq_u32(vreinterpretq_u32_f32(a)));
        OUTU32("ursqrte", i, vrsqrteq_u32(vreinterpretq_u32_f32(a)));
        OUTD("cvt_f64", i, vcvt_f64_f32(a2));
        OUTD("cvt_hi", i, vcvt_high_f64_f32(a));
        OUTF("cvt_f16", i, vcvt_f32_f16(vcvt_f16_f32(a)));
        OUTF("add2", i, vcombine_f32(vadd_f32(a2, b2), vmul_f32(a2, b2)));
        OUT64("addv2", i, vget_lane_u64(vreinterpret_u64_f32(vpadd_f32(a2, b2)), 0));
        (void)sink;
    }
    for (unsigned n = 0; n < ND; n++) {
        vi = n;
        unsigned i = vi;
        float64x2_t a = dvec(i), b = dvec(i * 3 + 1), c = dvec(i + 2);
        set_fpsr(0);
        OUTD("dadd", i, vaddq_f64(a, b));
        OUTD("dsub", i, vsubq_f64(a, b));
        OUTD("dmul", i, vmulq_f64(a, b));
        OUTD("ddiv", i, vdivq_f64(a, b));
        OUTD("dfma", i, vfmaq_f64(c, a, b));
        OUTD("dfms_lane", i, vfmsq_laneq_f64(c, a, b, 1));
        OUTD("dmulx", i, vmulxq_f64(a, b));
        OUTD("dmaxnm", i, vmaxnmq_f64(a, b));
        OUTD("dmin", i, vminq_f64(a, b));
        OUTD("dpadd", i, vpaddq_f64(a, b));
        OUTU64("dcge", i, vcgeq_f64(a, b));
        OUTU64("dcagt", i, vcagtq_f64(a, b));
        OUTU64("dclez", i, vclezq_f64(a));
        OUTD("dsqrt", i, vsqrtq_f64(a));
        OUTD("drndp", i, vrndpq_f64(a));
        OUTD("drndz", i, vrndq_f64(a));
        OUTS64("dcvt", i, vcvtq_s64_f64(a));
        OUTU64("dcvtu", i, vcvtq_u64_f64(a));
        OUTS64("dcvtn", i, vcvtnq_s64_f64(a));
        OUTS64("dcvt_n", i, vcvtq_n_s64_f64(a, 60));
        OUTD("dscvt", i, vcvtq_f64_s64(vreinterpretq_s64_f64(a)));
        OUTD("ducvt", i, vcvtq_f64_u64(vreinterpretq_u64_f64(a)));
        OUTD("drecpe", i, vrecpeq_f64(a));
        OUTD("drsqrte", i, vrsqrteq_f64(a));
        OUTD("drecps", i, vrecpsq_f64(a, b));
        OUTF("cvt_f32", i, vcombine_f32(vcvt_f32_f64(a), vcvtx_f32_f64(b)));
        OUTF("cvt_hi32", i, vcvt_high_f32_f64(vcvt_f32_f64(b), a));
        {
            float64x2_t m = {vpmaxnmqd_f64(a), vpminqd_f64(b)};
            OUTD("pairwise", i, m);
        }
        double s0 = vgetq_lane_f64(a, 0), s1 = vgetq_lane_f64(b, 1);
        uint64_t u;
        double r = vrecpxd_f64(s0);
        memcpy(&u, &r, 8);
        OUT64("recpx", i, u);
        r = vmulxd_f64(s0, s1);
        memcpy(&u, &r, 8);
        OUT64("smulx", i, u);
        OUT64("scge", i, vcged_f64(s0, s1));
        OUT64("scvtd", i, (uint64_t)vcvtd_s64_f64(s1));
        OUT64("fcvtxn", i, vget_lane_u64(vreinterpret_u64_f32(vcvtx_f32_f64(b)), 0));
    }
    return 0;
}
