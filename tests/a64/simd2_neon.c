/* simd2_neon.c — the simd2 families through arm_neon.h, as compiled C uses
 * them: shifts by immediate (plain, rounding, accumulating, inserting,
 * saturating, narrowing, widening), widening/narrowing arithmetic, PMULL and
 * the by-element multiplies, on vectors whose lanes are drawn from the sign
 * boundaries (0, 1, -1, MIN, MIN+1, MAX, MAX-1) and random values. Each
 * result is printed as hi:lo 64-bit words, saturating ops with FPSR.QC. */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* 16 bytes whose lanes of 1 << sz bytes are edge values or random */
static uint8x16_t gen(unsigned sz)
{
    uint8_t b[16];
    unsigned esize = 1u << sz;
    for (unsigned i = 0; i < 16; i += esize) {
        uint64_t r = rnd(), v;
        uint64_t top = 1ull << (8 * esize - 1), ones = top | (top - 1);
        switch (r % 10) {
        case 0: v = 0; break;
        case 1: v = 1; break;
        case 2: v = ones; break;             /* -1 */
        case 3: v = top; break;              /* MIN */
        case 4: v = top + 1; break;
        case 5: v = top - 1; break;          /* MAX */
        case 6: v = top - 2; break;
        default: v = rnd() & ones; break;
        }
        memcpy(b + i, &v, esize);
    }
    return vld1q_u8(b);
}

static uint64_t read_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}
static void clear_fpsr(void)
{
    __asm__ volatile("msr fpsr, %0" : : "r"(0ull));
}

#define P(expr)                                                                      \
    do {                                                                             \
        __typeof__(expr) v_ = (expr);                                                \
        uint64_t w_[2] = { 0, 0 };                                                   \
        memcpy(w_, &v_, sizeof v_);                                                  \
        printf("%-44s %016llx:%016llx\n", #expr, (unsigned long long)w_[1],         \
               (unsigned long long)w_[0]);                                           \
    } while (0)
/* the same for a saturating op: QC after it, then cleared */
#define PQ(expr)                                                                     \
    do {                                                                             \
        clear_fpsr();                                                                \
        P(expr);                                                                     \
        printf("  qc=%d\n", (int)((read_fpsr() >> 27) & 1));                         \
    } while (0)

/* the vector operands, reloaded per round */
static uint8x16_t A8, B8, C8;
static uint16x8_t A16, B16, C16;
static uint32x4_t A32, B32, C32;
static uint64x2_t A64, B64, C64;

#define S8 vreinterpretq_s8_u8
#define S16 vreinterpretq_s16_u16
#define S32 vreinterpretq_s32_u32
#define S64 vreinterpretq_s64_u64

static void shifts(void)
{
    P(vshrq_n_u8(A8, 1)); P(vshrq_n_u8(A8, 8)); P(vshrq_n_s8(S8(A8), 3)); P(vshrq_n_s8(S8(A8), 8));
    P(vshrq_n_u16(A16, 16)); P(vshrq_n_s16(S16(A16), 15)); P(vshr_n_u32(vget_low_u32(A32), 31));
    P(vshrq_n_s32(S32(A32), 32)); P(vshrq_n_u64(A64, 64)); P(vshrq_n_s64(S64(A64), 64));
    P(vshrq_n_s64(S64(A64), 1)); P(vshrd_n_s64(vgetq_lane_s64(S64(A64), 0), 63));
    P(vrshrq_n_u8(A8, 1)); P(vrshrq_n_s8(S8(A8), 8)); P(vrshrq_n_u16(A16, 16));
    P(vrshrq_n_s32(S32(A32), 7)); P(vrshrq_n_u64(A64, 64)); P(vrshrq_n_s64(S64(A64), 64));
    P(vrshrq_n_u64(A64, 1)); P(vrshr_n_s16(vget_high_s16(S16(A16)), 5));
    P(vsraq_n_u8(B8, A8, 2)); P(vsraq_n_s16(S16(B16), S16(A16), 16)); P(vsra_n_u32(vget_low_u32(B32), vget_low_u32(A32), 9));
    P(vsraq_n_s64(S64(B64), S64(A64), 63)); P(vrsraq_n_u8(B8, A8, 8)); P(vrsraq_n_s32(S32(B32), S32(A32), 32));
    P(vrsraq_n_u64(B64, A64, 64)); P(vrsraq_n_s64(S64(B64), S64(A64), 17));
    P(vsriq_n_u8(B8, A8, 1)); P(vsriq_n_u8(B8, A8, 8)); P(vsriq_n_u16(B16, A16, 11));
    P(vsri_n_u32(vget_low_u32(B32), vget_low_u32(A32), 32)); P(vsriq_n_u64(B64, A64, 64)); P(vsriq_n_u64(B64, A64, 3));
    P(vsliq_n_u8(B8, A8, 0)); P(vsliq_n_u8(B8, A8, 7)); P(vsliq_n_u16(B16, A16, 15));
    P(vsli_n_u32(vget_low_u32(B32), vget_low_u32(A32), 25)); P(vsliq_n_u64(B64, A64, 63)); P(vsliq_n_u64(B64, A64, 0));
    P(vshlq_n_u8(A8, 7)); P(vshlq_n_u16(A16, 1)); P(vshl_n_u32(vget_low_u32(A32), 31)); P(vshlq_n_u64(A64, 33));
    PQ(vqshlq_n_s8(S8(A8), 1)); PQ(vqshlq_n_u8(A8, 7)); PQ(vqshlq_n_s16(S16(A16), 15)); PQ(vqshlq_n_u32(A32, 0));
    PQ(vqshlq_n_s64(S64(A64), 62)); PQ(vqshl_n_u16(vget_low_u16(A16), 3));
    PQ(vqshluq_n_s8(S8(A8), 0)); PQ(vqshluq_n_s16(S16(A16), 9)); PQ(vqshluq_n_s64(S64(A64), 1));
    PQ(vqshlb_n_s8(vgetq_lane_s8(S8(A8), 3), 4)); PQ(vqshluh_n_s16(vgetq_lane_s16(S16(A16), 1), 2));
    PQ(vqshls_n_u32(vgetq_lane_u32(A32, 2), 31));
    P(vshrn_n_u16(A16, 1)); P(vshrn_n_u32(A32, 16)); P(vshrn_n_u64(A64, 32)); P(vshrn_high_n_u16(vget_low_u8(B8), A16, 8));
    P(vrshrn_n_u16(A16, 8)); P(vrshrn_n_u32(A32, 1)); P(vrshrn_high_n_u64(vget_low_u32(B32), A64, 32));
    PQ(vqshrn_n_s16(S16(A16), 1)); PQ(vqshrn_n_u32(A32, 16)); PQ(vqshrn_n_s64(S64(A64), 32));
    PQ(vqrshrn_n_s16(S16(A16), 8)); PQ(vqrshrn_n_u64(A64, 1)); PQ(vqrshrn_high_n_s32(vget_low_s16(S16(B16)), S32(A32), 3));
    PQ(vqshrun_n_s16(S16(A16), 2)); PQ(vqshrun_n_s64(S64(A64), 32)); PQ(vqrshrun_n_s32(S32(A32), 16));
    PQ(vqrshrun_high_n_s16(vget_low_u8(B8), S16(A16), 1));
    PQ(vqshrnh_n_s16(vgetq_lane_s16(S16(A16), 5), 3)); PQ(vqrshrund_n_s64(vgetq_lane_s64(S64(A64), 1), 31));
    PQ(vqrshrns_n_u32(vgetq_lane_u32(A32, 0), 16));
    P(vmovl_u8(vget_low_u8(A8))); P(vmovl_s8(vget_high_s8(S8(A8)))); P(vmovl_high_s16(S16(A16)));
    P(vmovl_u32(vget_high_u32(A32))); P(vshll_n_u8(vget_low_u8(A8), 7)); P(vshll_n_s16(vget_low_s16(S16(A16)), 15));
    P(vshll_high_n_s32(S32(A32), 31)); P(vshll_high_n_u8(A8, 1));
}

static void widening(void)
{
    P(vaddl_u8(vget_low_u8(A8), vget_low_u8(B8))); P(vaddl_high_s8(S8(A8), S8(B8)));
    P(vaddl_s16(vget_low_s16(S16(A16)), vget_low_s16(S16(B16)))); P(vaddl_high_u32(A32, B32));
    P(vsubl_s8(vget_low_s8(S8(A8)), vget_low_s8(S8(B8)))); P(vsubl_high_u16(A16, B16)); P(vsubl_s32(vget_low_s32(S32(A32)), vget_low_s32(S32(B32))));
    P(vaddw_u8(A16, vget_low_u8(B8))); P(vaddw_high_s16(S32(A32), S16(B16))); P(vaddw_s32(S64(A64), vget_high_s32(S32(B32))));
    P(vsubw_high_u8(A16, B8)); P(vsubw_s16(S32(A32), vget_low_s16(S16(B16)))); P(vsubw_high_u32(A64, B32));
    P(vabdl_u8(vget_low_u8(A8), vget_low_u8(B8))); P(vabdl_high_s8(S8(A8), S8(B8))); P(vabdl_s16(vget_high_s16(S16(A16)), vget_low_s16(S16(B16))));
    P(vabdl_high_u32(A32, B32)); P(vabdl_s32(vget_low_s32(S32(A32)), vget_low_s32(S32(B32))));
    P(vabal_u8(C16, vget_low_u8(A8), vget_low_u8(B8))); P(vabal_high_s16(S32(C32), S16(A16), S16(B16))); P(vabal_s32(S64(C64), vget_low_s32(S32(A32)), vget_high_s32(S32(B32))));
    P(vmull_u8(vget_low_u8(A8), vget_low_u8(B8))); P(vmull_high_s8(S8(A8), S8(B8))); P(vmull_s16(vget_low_s16(S16(A16)), vget_low_s16(S16(B16))));
    P(vmull_high_u16(A16, B16)); P(vmull_u32(vget_low_u32(A32), vget_low_u32(B32))); P(vmull_high_s32(S32(A32), S32(B32)));
    P(vmlal_u8(C16, vget_low_u8(A8), vget_low_u8(B8))); P(vmlal_high_s16(S32(C32), S16(A16), S16(B16))); P(vmlal_u32(C64, vget_high_u32(A32), vget_low_u32(B32)));
    P(vmlsl_s8(S16(C16), vget_low_s8(S8(A8)), vget_low_s8(S8(B8)))); P(vmlsl_high_u16(C32, A16, B16)); P(vmlsl_high_s32(S64(C64), S32(A32), S32(B32)));
    P(vaddhn_u16(A16, B16)); P(vaddhn_high_s32(vget_low_s16(S16(C16)), S32(A32), S32(B32))); P(vaddhn_u64(A64, B64));
    P(vraddhn_s16(S16(A16), S16(B16))); P(vraddhn_high_u32(vget_low_u16(C16), A32, B32)); P(vraddhn_u64(A64, B64));
    P(vsubhn_u16(A16, B16)); P(vsubhn_high_u64(vget_low_u32(C32), A64, B64)); P(vrsubhn_s32(S32(A32), S32(B32)));
    P(vrsubhn_high_u16(vget_low_u8(C8), A16, B16));
    PQ(vqdmull_s16(vget_low_s16(S16(A16)), vget_low_s16(S16(B16)))); PQ(vqdmull_high_s32(S32(A32), S32(B32)));
    PQ(vqdmlal_s16(S32(C32), vget_high_s16(S16(A16)), vget_low_s16(S16(B16)))); PQ(vqdmlal_high_s32(S64(C64), S32(A32), S32(B32)));
    PQ(vqdmlsl_high_s16(S32(C32), S16(A16), S16(B16))); PQ(vqdmlsl_s32(S64(C64), vget_low_s32(S32(A32)), vget_low_s32(S32(B32))));
    PQ(vqdmullh_s16(vgetq_lane_s16(S16(A16), 0), vgetq_lane_s16(S16(B16), 0)));
    PQ(vqdmulls_s32(vgetq_lane_s32(S32(A32), 1), vgetq_lane_s32(S32(B32), 1)));
    PQ(vqdmlalh_s16(vgetq_lane_s32(S32(C32), 0), vgetq_lane_s16(S16(A16), 2), vgetq_lane_s16(S16(B16), 2)));
    PQ(vqdmlsls_s32(vgetq_lane_s64(S64(C64), 0), vgetq_lane_s32(S32(A32), 3), vgetq_lane_s32(S32(B32), 3)));
    P(vmull_p8(vreinterpret_p8_u8(vget_low_u8(A8)), vreinterpret_p8_u8(vget_low_u8(B8))));
    P(vmull_high_p8(vreinterpretq_p8_u8(A8), vreinterpretq_p8_u8(B8)));
    P(vmull_p64(vgetq_lane_u64(A64, 0), vgetq_lane_u64(B64, 0)));
    P(vmull_high_p64(vreinterpretq_p64_u64(A64), vreinterpretq_p64_u64(B64)));
}

static void by_element(void)
{
    P(vmulq_laneq_u16(A16, B16, 7)); P(vmul_lane_s16(vget_low_s16(S16(A16)), vget_high_s16(S16(B16)), 0));
    P(vmulq_laneq_u32(A32, B32, 3)); P(vmul_laneq_s32(vget_low_s32(S32(A32)), S32(B32), 1));
    P(vmlaq_laneq_u16(C16, A16, B16, 4)); P(vmlaq_laneq_s32(S32(C32), S32(A32), S32(B32), 0));
    P(vmlsq_laneq_u16(C16, A16, B16, 1)); P(vmls_laneq_u32(vget_low_u32(C32), vget_low_u32(A32), B32, 2));
    P(vmull_laneq_s16(vget_low_s16(S16(A16)), S16(B16), 6)); P(vmull_high_laneq_u16(A16, B16, 0));
    P(vmull_laneq_u32(vget_high_u32(A32), B32, 3)); P(vmull_high_laneq_s32(S32(A32), S32(B32), 1));
    P(vmlal_laneq_u16(C32, vget_low_u16(A16), B16, 2)); P(vmlal_high_laneq_s32(S64(C64), S32(A32), S32(B32), 2));
    P(vmlsl_laneq_s16(S32(C32), vget_low_s16(S16(A16)), S16(B16), 7)); P(vmlsl_high_laneq_u32(C64, A32, B32, 0));
    PQ(vqdmull_laneq_s16(vget_low_s16(S16(A16)), S16(B16), 3)); PQ(vqdmull_high_laneq_s32(S32(A32), S32(B32), 3));
    PQ(vqdmlal_laneq_s16(S32(C32), vget_low_s16(S16(A16)), S16(B16), 5)); PQ(vqdmlsl_high_laneq_s32(S64(C64), S32(A32), S32(B32), 0));
    PQ(vqdmulhq_laneq_s16(S16(A16), S16(B16), 7)); PQ(vqdmulh_laneq_s32(vget_low_s32(S32(A32)), S32(B32), 2));
    PQ(vqrdmulhq_laneq_s16(S16(A16), S16(B16), 0)); PQ(vqrdmulhq_laneq_s32(S32(A32), S32(B32), 3));
    PQ(vqdmulhh_laneq_s16(vgetq_lane_s16(S16(A16), 4), S16(B16), 6));
    PQ(vqrdmulhs_laneq_s32(vgetq_lane_s32(S32(A32), 0), S32(B32), 1));
    PQ(vqdmullh_laneq_s16(vgetq_lane_s16(S16(A16), 7), S16(B16), 2));
    PQ(vqdmlals_laneq_s32(vgetq_lane_s64(S64(C64), 1), vgetq_lane_s32(S32(A32), 2), S32(B32), 3));
}

int main(void)
{
    for (int round = 0; round < 24; round++) {
        /* every lane size sees its own edge values */
        A8 = gen(0), B8 = gen(0), C8 = gen(0);
        A16 = vreinterpretq_u16_u8(gen(1)), B16 = vreinterpretq_u16_u8(gen(1)), C16 = vreinterpretq_u16_u8(gen(1));
        A32 = vreinterpretq_u32_u8(gen(2)), B32 = vreinterpretq_u32_u8(gen(2)), C32 = vreinterpretq_u32_u8(gen(2));
        A64 = vreinterpretq_u64_u8(gen(3)), B64 = vreinterpretq_u64_u8(gen(3)), C64 = vreinterpretq_u64_u8(gen(3));
        printf("-- round %d\n", round);
        shifts();
        widening();
        by_element();
    }
    return 0;
}
