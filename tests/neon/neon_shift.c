/* neon_shift — NEON shifts through arm_neon.h: by immediate (left, right
 * arithmetic/logical, accumulating, rounding, insert), saturating left shifts
 * (signed, unsigned, signed-to-unsigned), narrowing right shifts (plain,
 * rounding, saturating, saturating-unsigned, and their _high forms), long
 * left shifts (including by the element size, SHLL), and shifts by a
 * register holding signed per-lane counts (plain, saturating, rounding).
 * Immediates are tested at 1, a middle value and the largest the encoding
 * allows; register counts come from edge lanes (huge/negative counts) and
 * from small values in -32..31. Results and FPSR.QC are printed
 * (neon_common.h) and compared against qemu by tests/neon/run.sh. */
#include "neon_common.h"

/* an immediate shift in 64- and 128-bit forms at three shift amounts */
#define SHI_DQ(base, sfx, vt, vtq, n1, n2, n3)                               \
    RUN1(#base "_n_" #sfx " #" #n1, vt, base##_n_##sfx(a, n1))               \
    RUN1(#base "q_n_" #sfx " #" #n2, vtq, base##q_n_##sfx(a, n2))            \
    RUN1(#base "q_n_" #sfx " #" #n3, vtq, base##q_n_##sfx(a, n3))
/* accumulating / inserting immediate shifts: a op= shift(b, n) */
#define SHA_DQ(base, sfx, vt, vtq, n1, n2, n3)                               \
    RUN2(#base "_n_" #sfx " #" #n1, vt, vt, base##_n_##sfx(a, b, n1))        \
    RUN2(#base "q_n_" #sfx " #" #n2, vtq, vtq, base##q_n_##sfx(a, b, n2))    \
    RUN2(#base "q_n_" #sfx " #" #n3, vtq, vtq, base##q_n_##sfx(a, b, n3))

/* right shifts: 1..esize */
#define SHR_ALL(base)                                                        \
    fill_inputs(1);                                                          \
    SHI_DQ(base, s8, int8x8_t, int8x16_t, 1, 3, 8)                           \
    SHI_DQ(base, u8, uint8x8_t, uint8x16_t, 1, 5, 8)                         \
    fill_inputs(2);                                                          \
    SHI_DQ(base, s16, int16x4_t, int16x8_t, 1, 9, 16)                        \
    SHI_DQ(base, u16, uint16x4_t, uint16x8_t, 2, 15, 16)                     \
    fill_inputs(4);                                                          \
    SHI_DQ(base, s32, int32x2_t, int32x4_t, 1, 17, 32)                       \
    SHI_DQ(base, u32, uint32x2_t, uint32x4_t, 31, 7, 32)                     \
    fill_inputs(8);                                                          \
    SHI_DQ(base, s64, int64x1_t, int64x2_t, 1, 40, 64)                       \
    SHI_DQ(base, u64, uint64x1_t, uint64x2_t, 63, 33, 64)
#define SHRA_ALL(base)                                                       \
    fill_inputs(1);                                                          \
    SHA_DQ(base, s8, int8x8_t, int8x16_t, 1, 3, 8)                           \
    SHA_DQ(base, u8, uint8x8_t, uint8x16_t, 1, 5, 8)                         \
    fill_inputs(2);                                                          \
    SHA_DQ(base, s16, int16x4_t, int16x8_t, 1, 9, 16)                        \
    SHA_DQ(base, u16, uint16x4_t, uint16x8_t, 2, 15, 16)                     \
    fill_inputs(4);                                                          \
    SHA_DQ(base, s32, int32x2_t, int32x4_t, 1, 17, 32)                       \
    SHA_DQ(base, u32, uint32x2_t, uint32x4_t, 31, 7, 32)                     \
    fill_inputs(8);                                                          \
    SHA_DQ(base, s64, int64x1_t, int64x2_t, 1, 40, 64)                       \
    SHA_DQ(base, u64, uint64x1_t, uint64x2_t, 63, 33, 64)
/* left shifts: 0..esize-1 */
#define SHL_S(base)                                                          \
    fill_inputs(1); SHI_DQ(base, s8, int8x8_t, int8x16_t, 0, 3, 7)           \
    fill_inputs(2); SHI_DQ(base, s16, int16x4_t, int16x8_t, 1, 8, 15)        \
    fill_inputs(4); SHI_DQ(base, s32, int32x2_t, int32x4_t, 1, 16, 31)       \
    fill_inputs(8); SHI_DQ(base, s64, int64x1_t, int64x2_t, 0, 32, 63)
#define SHL_U(base)                                                          \
    fill_inputs(1); SHI_DQ(base, u8, uint8x8_t, uint8x16_t, 1, 4, 7)         \
    fill_inputs(2); SHI_DQ(base, u16, uint16x4_t, uint16x8_t, 0, 9, 15)      \
    fill_inputs(4); SHI_DQ(base, u32, uint32x2_t, uint32x4_t, 3, 20, 31)     \
    fill_inputs(8); SHI_DQ(base, u64, uint64x1_t, uint64x2_t, 1, 31, 63)
#define SLI_ALL(base)                                                        \
    fill_inputs(1); SHA_DQ(base, u8, uint8x8_t, uint8x16_t, 0, 4, 7)         \
    fill_inputs(2); SHA_DQ(base, s16, int16x4_t, int16x8_t, 1, 8, 15)        \
    fill_inputs(4); SHA_DQ(base, u32, uint32x2_t, uint32x4_t, 0, 16, 31)     \
    fill_inputs(8); SHA_DQ(base, s64, int64x1_t, int64x2_t, 1, 32, 63)
#define SRI_ALL(base)                                                        \
    fill_inputs(1); SHA_DQ(base, u8, uint8x8_t, uint8x16_t, 1, 4, 8)         \
    fill_inputs(2); SHA_DQ(base, s16, int16x4_t, int16x8_t, 1, 8, 16)        \
    fill_inputs(4); SHA_DQ(base, u32, uint32x2_t, uint32x4_t, 1, 16, 32)     \
    fill_inputs(8); SHA_DQ(base, s64, int64x1_t, int64x2_t, 1, 32, 64)

static void immediate(void)
{
    SHL_S(vshl)
    SHL_U(vshl)
    SHR_ALL(vshr)
    SHR_ALL(vrshr)
    SHRA_ALL(vsra)
    SHRA_ALL(vrsra)
    SLI_ALL(vsli)
    SRI_ALL(vsri)
    SHL_S(vqshl)
    SHL_U(vqshl)
    SHL_S(vqshlu)
}

/* narrowing right shifts: 128-bit source, 64-bit result; n in 1..esize/2 */
#define NARROW(base, sfx, vtq, n1, n2, n3)                                   \
    RUN1(#base "_" #sfx " #" #n1, vtq, base##_##sfx(a, n1))                  \
    RUN1(#base "_" #sfx " #" #n2, vtq, base##_##sfx(a, n2))                  \
    RUN1(#base "_" #sfx " #" #n3, vtq, base##_##sfx(a, n3))
#define NARROW_S(base)                                                       \
    fill_inputs(2); NARROW(base, s16, int16x8_t, 1, 4, 8)                    \
    fill_inputs(4); NARROW(base, s32, int32x4_t, 1, 9, 16)                   \
    fill_inputs(8); NARROW(base, s64, int64x2_t, 1, 20, 32)
#define NARROW_U(base)                                                       \
    fill_inputs(2); NARROW(base, u16, uint16x8_t, 1, 5, 8)                   \
    fill_inputs(4); NARROW(base, u32, uint32x4_t, 2, 15, 16)                 \
    fill_inputs(8); NARROW(base, u64, uint64x2_t, 1, 31, 32)

static void narrowing(void)
{
    NARROW_S(vshrn_n)
    NARROW_U(vshrn_n)
    NARROW_S(vrshrn_n)
    NARROW_U(vrshrn_n)
    NARROW_S(vqshrn_n)
    NARROW_U(vqshrn_n)
    NARROW_S(vqrshrn_n)
    NARROW_U(vqrshrn_n)
    NARROW_S(vqshrun_n)
    NARROW_S(vqrshrun_n)
    /* _high forms write the upper half and keep the lower one */
    fill_inputs(2);
    RUN2("vshrn_high_n_u16 #3", uint8x8_t, uint16x8_t, vshrn_high_n_u16(a, b, 3))
    RUN2("vqrshrn_high_n_s16 #2", int8x8_t, int16x8_t, vqrshrn_high_n_s16(a, b, 2))
    fill_inputs(4);
    RUN2("vqshrun_high_n_s32 #7", uint16x4_t, int32x4_t, vqshrun_high_n_s32(a, b, 7))
    RUN2("vrshrn_high_n_u32 #16", uint16x4_t, uint32x4_t, vrshrn_high_n_u32(a, b, 16))
    fill_inputs(8);
    RUN2("vqshrn_high_n_u64 #1", uint32x2_t, uint64x2_t, vqshrn_high_n_u64(a, b, 1))
    /* scalar narrowing shifts */
    fill_inputs(8);
    RUN1("vqshrnd_n_s64 #5", int64x1_t, vqshrnd_n_s64(vget_lane_s64(a, 0), 5))
    RUN1("vqrshrund_n_s64 #31", int64x1_t, vqrshrund_n_s64(vget_lane_s64(a, 0), 31))
}

/* long left shifts: 64-bit source, 128-bit result; n in 0..esize (esize: SHLL) */
static void widening(void)
{
    fill_inputs(1);
    RUN1("vshll_n_s8 #0", int8x8_t, vshll_n_s8(a, 0))
    RUN1("vshll_n_s8 #3", int8x8_t, vshll_n_s8(a, 3))
    RUN1("vshll_n_s8 #8", int8x8_t, vshll_n_s8(a, 8))
    RUN1("vshll_n_u8 #7", uint8x8_t, vshll_n_u8(a, 7))
    RUN1("vshll_n_u8 #8", uint8x8_t, vshll_n_u8(a, 8))
    RUN1("vmovl_s8", int8x8_t, vmovl_s8(a))
    RUN1("vmovl_u8", uint8x8_t, vmovl_u8(a))
    RUN1("vshll_high_n_u8 #2", uint8x16_t, vshll_high_n_u8(a, 2))
    RUN1("vmovl_high_s8", int8x16_t, vmovl_high_s8(a))
    fill_inputs(2);
    RUN1("vshll_n_s16 #16", int16x4_t, vshll_n_s16(a, 16))
    RUN1("vshll_n_u16 #5", uint16x4_t, vshll_n_u16(a, 5))
    RUN1("vmovl_s16", int16x4_t, vmovl_s16(a))
    RUN1("vshll_high_n_s16 #16", int16x8_t, vshll_high_n_s16(a, 16))
    fill_inputs(4);
    RUN1("vshll_n_s32 #31", int32x2_t, vshll_n_s32(a, 31))
    RUN1("vshll_n_u32 #32", uint32x2_t, vshll_n_u32(a, 32))
    RUN1("vmovl_u32", uint32x2_t, vmovl_u32(a))
    RUN1("vmovl_high_s32", int32x4_t, vmovl_high_s32(a))
}

/* shifts by register: counts are the signed low byte of each lane of b */
#define SHR_REG(base)                                                        \
    fill_inputs(1);                                                          \
    RUN2(#base "_s8", int8x8_t, int8x8_t, base##_s8(a, b))                   \
    RUN2(#base "q_u8", uint8x16_t, int8x16_t, base##q_u8(a, b))              \
    fill_inputs(2);                                                          \
    RUN2(#base "q_s16", int16x8_t, int16x8_t, base##q_s16(a, b))             \
    RUN2(#base "_u16", uint16x4_t, int16x4_t, base##_u16(a, b))              \
    fill_inputs(4);                                                          \
    RUN2(#base "q_s32", int32x4_t, int32x4_t, base##q_s32(a, b))             \
    RUN2(#base "q_u32", uint32x4_t, int32x4_t, base##q_u32(a, b))            \
    fill_inputs(8);                                                          \
    RUN2(#base "q_s64", int64x2_t, int64x2_t, base##q_s64(a, b))             \
    RUN2(#base "_u64", uint64x1_t, int64x1_t, base##_u64(a, b))

static void by_register(void)
{
    SHR_REG(vshl)
    SHR_REG(vqshl)
    SHR_REG(vrshl)
    SHR_REG(vqrshl)
    /* counts with only the low byte meaningful: upper bytes set */
    fill_inputs(4);
    for (int k = 0; k < nt_nin; k++)
        for (int i = 0; i < 4; i++) IN_B[k][i * 4 + 1] = 0x7f;
    RUN2("vshlq_s32 (high count bytes)", int32x4_t, int32x4_t, vshlq_s32(a, b))
    RUN2("vqrshlq_u32 (high count bytes)", uint32x4_t, int32x4_t, vqrshlq_u32(a, b))
    /* scalar 64-bit forms */
    fill_inputs(8);
    RUN2("vshld_s64", int64x1_t, int64x1_t, vdup_n_s64(vshld_s64(vget_lane_s64(a, 0), vget_lane_s64(b, 0))))
    RUN2("vqrshld_u64", uint64x1_t, int64x1_t, vdup_n_u64(vqrshld_u64(vget_lane_u64(a, 0), vget_lane_s64(b, 0))))
    RUN1("vshrd_n_s64 #64", int64x1_t, vdup_n_s64(vshrd_n_s64(vget_lane_s64(a, 0), 64)))
    RUN1("vrshrd_n_u64 #64", uint64x1_t, vdup_n_u64(vrshrd_n_u64(vget_lane_u64(a, 0), 64)))
}

int main(void)
{
    immediate();
    narrowing();
    widening();
    by_register();
    nt_done("neon_shift");
    return 0;
}
