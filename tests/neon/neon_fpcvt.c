/* neon_fpcvt — NEON floating-point conversions and rounding through
 * arm_neon.h: float to integer with truncation (FCVTZS/FCVTZU) and with each
 * explicit rounding (FCVTN/A/M/P S/U), fixed-point conversions both ways
 * (several fraction widths), integer to float (SCVTF/UCVTF), precision
 * changes (FCVTL/FCVTN and their _high forms, FCVTXN round-to-odd, half
 * precision FCVTL/FCVTN), and round to integral in every mode (FRINTN/A/M/P/
 * Z/X/I). Inputs: saturating limits (2^31, 2^32, 2^63, 2^64), halfway cases,
 * NaNs, infinities, subnormals; everything runs under several FPCR settings
 * (the current-mode conversions and FRINTX/FRINTI follow FPCR.RMode). Result
 * bits and FPSR flags printed (neon_common.h), compared against qemu by
 * tests/neon/run.sh. */
#include "neon_common.h"

#define CVT4(name, expr) RUN1(name, float32x4_t, expr)
#define CVT8(name, expr) RUN1(name, float64x2_t, expr)

static void to_integer(void)
{
    fill_fp_inputs(4);
    CVT4("vcvtq_s32_f32", vcvtq_s32_f32(a))
    CVT4("vcvtq_u32_f32", vcvtq_u32_f32(a))
    CVT4("vcvtnq_s32_f32", vcvtnq_s32_f32(a))
    CVT4("vcvtaq_s32_f32", vcvtaq_s32_f32(a))
    CVT4("vcvtmq_s32_f32", vcvtmq_s32_f32(a))
    CVT4("vcvtpq_s32_f32", vcvtpq_s32_f32(a))
    CVT4("vcvtnq_u32_f32", vcvtnq_u32_f32(a))
    CVT4("vcvtaq_u32_f32", vcvtaq_u32_f32(a))
    CVT4("vcvtmq_u32_f32", vcvtmq_u32_f32(a))
    CVT4("vcvtpq_u32_f32", vcvtpq_u32_f32(a))
    CVT4("vcvtq_n_s32_f32 #1", vcvtq_n_s32_f32(a, 1))
    CVT4("vcvtq_n_s32_f32 #16", vcvtq_n_s32_f32(a, 16))
    CVT4("vcvtq_n_u32_f32 #32", vcvtq_n_u32_f32(a, 32))
    RUN1("vcvt_s32_f32", float32x2_t, vcvt_s32_f32(a))
    RUN1("vcvts_s32_f32", float32x4_t, vdupq_n_s32(vcvts_s32_f32(vgetq_lane_f32(a, 2))))
    fill_fp_inputs(8);
    CVT8("vcvtq_s64_f64", vcvtq_s64_f64(a))
    CVT8("vcvtq_u64_f64", vcvtq_u64_f64(a))
    CVT8("vcvtnq_s64_f64", vcvtnq_s64_f64(a))
    CVT8("vcvtaq_u64_f64", vcvtaq_u64_f64(a))
    CVT8("vcvtmq_s64_f64", vcvtmq_s64_f64(a))
    CVT8("vcvtpq_u64_f64", vcvtpq_u64_f64(a))
    CVT8("vcvtq_n_s64_f64 #3", vcvtq_n_s64_f64(a, 3))
    CVT8("vcvtq_n_u64_f64 #64", vcvtq_n_u64_f64(a, 64))
    CVT8("vcvtd_s64_f64", vdupq_n_s64(vcvtd_s64_f64(vgetq_lane_f64(a, 1))))
}

static void from_integer(void)
{
    /* integer inputs: edge lanes and random ones */
    fill_inputs(4);
    RUN1("vcvtq_f32_s32", int32x4_t, vcvtq_f32_s32(a))
    RUN1("vcvtq_f32_u32", uint32x4_t, vcvtq_f32_u32(a))
    RUN1("vcvt_f32_s32", int32x2_t, vcvt_f32_s32(a))
    RUN1("vcvtq_n_f32_s32 #1", int32x4_t, vcvtq_n_f32_s32(a, 1))
    RUN1("vcvtq_n_f32_u32 #32", uint32x4_t, vcvtq_n_f32_u32(a, 32))
    RUN1("vcvts_f32_u32", uint32x4_t, vdupq_n_f32(vcvts_f32_u32(vgetq_lane_u32(a, 3))))
    fill_inputs(8);
    RUN1("vcvtq_f64_s64", int64x2_t, vcvtq_f64_s64(a))
    RUN1("vcvtq_f64_u64", uint64x2_t, vcvtq_f64_u64(a))
    RUN1("vcvtq_n_f64_s64 #20", int64x2_t, vcvtq_n_f64_s64(a, 20))
    RUN1("vcvtq_n_f64_u64 #64", uint64x2_t, vcvtq_n_f64_u64(a, 64))
    RUN1("vcvtd_f64_s64", int64x2_t, vdupq_n_f64(vcvtd_f64_s64(vgetq_lane_s64(a, 0))))
}

static void precision(void)
{
    fill_fp_inputs(4);
    RUN1("vcvt_f64_f32", float32x2_t, vcvt_f64_f32(a))
    RUN1("vcvt_high_f64_f32", float32x4_t, vcvt_high_f64_f32(a))
    /* float -> half -> float */
    RUN1("vcvt_f16_f32", float32x4_t, vcvt_f16_f32(a))
    RUN1("vcvt_f32_f16(f16)", float32x4_t, vcvt_f32_f16(vcvt_f16_f32(a)))
    RUN2("vcvt_high_f16_f32", float32x4_t, float32x4_t, vcvt_high_f16_f32(vcvt_f16_f32(b), a))
    RUN1("vcvt_high_f32_f16", float32x4_t, vcvt_high_f32_f16(vcombine_f16(vcvt_f16_f32(a), vcvt_f16_f32(a))))
    fill_fp_inputs(8);
    RUN1("vcvt_f32_f64", float64x2_t, vcvt_f32_f64(a))
    RUN2("vcvt_high_f32_f64", float64x2_t, float64x2_t, vcvt_high_f32_f64(vcvt_f32_f64(b), a))
    RUN1("vcvtx_f32_f64", float64x2_t, vcvtx_f32_f64(a))
    RUN2("vcvtx_high_f32_f64", float64x2_t, float64x2_t, vcvtx_high_f32_f64(vcvt_f32_f64(b), a))
    RUN1("vcvtxd_f32_f64", float64x2_t, vdupq_n_f32(vcvtxd_f32_f64(vgetq_lane_f64(a, 1))))
}

static void rounding(void)
{
    fill_fp_inputs(4);
    CVT4("vrndnq_f32", vrndnq_f32(a))
    CVT4("vrndaq_f32", vrndaq_f32(a))
    CVT4("vrndmq_f32", vrndmq_f32(a))
    CVT4("vrndpq_f32", vrndpq_f32(a))
    CVT4("vrndq_f32", vrndq_f32(a))
    CVT4("vrndxq_f32", vrndxq_f32(a))
    CVT4("vrndiq_f32", vrndiq_f32(a))
    RUN1("vrnda_f32", float32x2_t, vrnda_f32(a))
    fill_fp_inputs(8);
    CVT8("vrndnq_f64", vrndnq_f64(a))
    CVT8("vrndaq_f64", vrndaq_f64(a))
    CVT8("vrndmq_f64", vrndmq_f64(a))
    CVT8("vrndpq_f64", vrndpq_f64(a))
    CVT8("vrndq_f64", vrndq_f64(a))
    CVT8("vrndxq_f64", vrndxq_f64(a))
    CVT8("vrndiq_f64", vrndiq_f64(a))
}

int main(void)
{
    static const struct { const char *name; unsigned fpcr; } modes[] = {
        { "RN", 0 },
        { "RP", FPCR_RMODE(1) },
        { "RM FZ", FPCR_RMODE(2) | FPCR_FZ },
        { "RZ DN", FPCR_RMODE(3) | FPCR_DN },
    };
    for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        printf("== FPCR %s (%08x)\n", modes[m].name, modes[m].fpcr);
        fpcr_set(modes[m].fpcr);
        to_integer();
        from_integer();
        precision();
        rounding();
        fpcr_set(0);
    }
    nt_done("neon_fpcvt");
    return 0;
}
