/* neon_perm — NEON permutes and lane moves through arm_neon.h: table lookups
 * (vtbl1-4/vtbx1-4 on 64-bit tables, vqtbl1-4/vqtbx1-4 on 128-bit tables,
 * with in-range and out-of-range indices), zip/unzip/transpose (the A64
 * 1/2 forms and the paired legacy forms), ext at every interesting offset,
 * dup from a scalar and from a lane, lane get (UMOV/SMOV) and set (INS),
 * lane copies, combine/high/low, element reversals, and vector immediates
 * (MOVI/MVNI/ORR/BIC/FMOV shapes). Results printed per input
 * (neon_common.h), compared against qemu by tests/neon/run.sh. */
#include "neon_common.h"

/* index vectors for the table lookups: in-range indices mixed with ones
 * just past each table size and large ones */
static uint8_t IDX[NT_MAXIN][16];
static void fill_indices(void)
{
    static const uint8_t special[] = { 0, 1, 7, 8, 15, 16, 23, 24, 31, 32, 47, 48, 63, 64, 127, 255 };
    for (int k = 0; k < NT_MAXIN; k++)
        for (int i = 0; i < 16; i++)
            IDX[k][i] = k < 3 ? special[(i * (2 * k + 1) + k) % 16] : (uint8_t)(nt_rand() % 72);
}

#define TBL(name, idxt, expr)                                                \
    for (int k = 0; k < nt_nin; k++) {                                       \
        uint8x16_t t0, t1, t2, t3, a;                                        \
        idxt x;                                                              \
        memcpy(&t0, IN_A[k], 16);                                            \
        memcpy(&t1, IN_B[k], 16);                                            \
        memcpy(&t2, IN_C[k], 16);                                            \
        memcpy(&t3, IN_A[(k + 1) % nt_nin], 16);                             \
        memcpy(&a, IN_C[(k + 2) % nt_nin], 16);                              \
        memcpy(&x, IDX[k], sizeof x);                                        \
        BARRIER_IN(t0); BARRIER_IN(t1); BARRIER_IN(t2); BARRIER_IN(t3);      \
        BARRIER_IN(x); BARRIER_IN(a);                                        \
        __typeof__(expr) r = (expr);                                         \
        BARRIER_OUT(r);                                                      \
        print_result(name, k, &r, sizeof r, 0);                              \
    }

static void tables(void)
{
    fill_inputs(1);
    fill_indices();
    uint8x16x2_t q2;
    uint8x16x3_t q3;
    uint8x16x4_t q4;
    uint8x8x2_t d2;
    uint8x8x3_t d3;
    uint8x8x4_t d4;
#define Q2 (q2.val[0] = t0, q2.val[1] = t1, q2)
#define Q3 (q3.val[0] = t0, q3.val[1] = t1, q3.val[2] = t2, q3)
#define Q4 (q4.val[0] = t0, q4.val[1] = t1, q4.val[2] = t2, q4.val[3] = t3, q4)
#define D2 (d2.val[0] = vget_low_u8(t0), d2.val[1] = vget_high_u8(t0), d2)
#define D3 (d3.val[0] = vget_low_u8(t0), d3.val[1] = vget_high_u8(t0), d3.val[2] = vget_low_u8(t1), d3)
#define D4 (d4.val[0] = vget_low_u8(t0), d4.val[1] = vget_high_u8(t0), d4.val[2] = vget_low_u8(t1), \
            d4.val[3] = vget_high_u8(t1), d4)
    TBL("vqtbl1q_u8", uint8x16_t, vqtbl1q_u8(t0, x))
    TBL("vqtbl1_u8", uint8x8_t, vqtbl1_u8(t0, x))
    TBL("vqtbl2q_u8", uint8x16_t, vqtbl2q_u8(Q2, x))
    TBL("vqtbl3q_u8", uint8x16_t, vqtbl3q_u8(Q3, x))
    TBL("vqtbl4q_u8", uint8x16_t, vqtbl4q_u8(Q4, x))
    TBL("vqtbl4_u8", uint8x8_t, vqtbl4_u8(Q4, x))
    TBL("vqtbx1q_u8", uint8x16_t, vqtbx1q_u8(a, t0, x))
    TBL("vqtbx2q_u8", uint8x16_t, vqtbx2q_u8(a, Q2, x))
    TBL("vqtbx3_u8", uint8x8_t, vqtbx3_u8(vget_low_u8(a), Q3, x))
    TBL("vqtbx4q_u8", uint8x16_t, vqtbx4q_u8(a, Q4, x))
    TBL("vtbl1_u8", uint8x8_t, vtbl1_u8(vget_low_u8(t0), x))
    TBL("vtbl2_u8", uint8x8_t, vtbl2_u8(D2, x))
    TBL("vtbl3_u8", uint8x8_t, vtbl3_u8(D3, x))
    TBL("vtbl4_u8", uint8x8_t, vtbl4_u8(D4, x))
    TBL("vtbx1_u8", uint8x8_t, vtbx1_u8(vget_low_u8(a), vget_low_u8(t0), x))
    TBL("vtbx2_u8", uint8x8_t, vtbx2_u8(vget_low_u8(a), D2, x))
    TBL("vtbx3_u8", uint8x8_t, vtbx3_u8(vget_low_u8(a), D3, x))
    TBL("vtbx4_u8", uint8x8_t, vtbx4_u8(vget_low_u8(a), D4, x))
}

#define ZUT(op, sfx, vt)                                                     \
    RUN2(#op "1" "_" #sfx, vt, vt, op##1_##sfx(a, b))                        \
    RUN2(#op "2" "_" #sfx, vt, vt, op##2_##sfx(a, b))
#define ZUTQ(op, sfx, vtq)                                                   \
    RUN2(#op "1q" "_" #sfx, vtq, vtq, op##1q_##sfx(a, b))                    \
    RUN2(#op "2q" "_" #sfx, vtq, vtq, op##2q_##sfx(a, b))
#define ZUT_ALL(op)                                                          \
    fill_inputs(1); ZUT(op, u8, uint8x8_t) ZUTQ(op, u8, uint8x16_t)          \
    fill_inputs(2); ZUT(op, s16, int16x4_t) ZUTQ(op, u16, uint16x8_t)        \
    fill_inputs(4); ZUT(op, u32, uint32x2_t) ZUTQ(op, s32, int32x4_t)        \
    fill_inputs(8); ZUTQ(op, u64, uint64x2_t)

static void zips(void)
{
    ZUT_ALL(vzip)
    ZUT_ALL(vuzp)
    ZUT_ALL(vtrn)
    /* the paired forms give both halves */
    fill_inputs(1);
    RUN2("vzipq_u8 (pair)", uint8x16_t, uint8x16_t, vzipq_u8(a, b))
    RUN2("vuzp_u8 (pair)", uint8x8_t, uint8x8_t, vuzp_u8(a, b))
    fill_inputs(2);
    RUN2("vtrnq_s16 (pair)", int16x8_t, int16x8_t, vtrnq_s16(a, b))
    fill_inputs(4);
    RUN2("vzip_f32 (pair)", float32x2_t, float32x2_t, vzip_f32(a, b))
}

static void ext_dup_lanes(void)
{
    fill_inputs(1);
    RUN2("vext_u8 #0", uint8x8_t, uint8x8_t, vext_u8(a, b, 0))
    RUN2("vext_u8 #3", uint8x8_t, uint8x8_t, vext_u8(a, b, 3))
    RUN2("vext_u8 #7", uint8x8_t, uint8x8_t, vext_u8(a, b, 7))
    RUN2("vextq_u8 #1", uint8x16_t, uint8x16_t, vextq_u8(a, b, 1))
    RUN2("vextq_u8 #8", uint8x16_t, uint8x16_t, vextq_u8(a, b, 8))
    RUN2("vextq_u8 #15", uint8x16_t, uint8x16_t, vextq_u8(a, b, 15))
    fill_inputs(2);
    RUN2("vextq_s16 #5", int16x8_t, int16x8_t, vextq_s16(a, b, 5))
    fill_inputs(4);
    RUN2("vextq_u32 #3", uint32x4_t, uint32x4_t, vextq_u32(a, b, 3))
    fill_inputs(8);
    RUN2("vextq_u64 #1", uint64x2_t, uint64x2_t, vextq_u64(a, b, 1))

    /* dup from a general register and from a lane */
    fill_inputs(1);
    RUN1("vdupq_n_u8", uint8x16_t, vdupq_n_u8(IN_B[k][3]))
    RUN1("vdup_lane_u8 [7]", uint8x8_t, vdup_lane_u8(a, 7))
    RUN1("vdupq_laneq_u8 [13]", uint8x16_t, vdupq_laneq_u8(a, 13))
    fill_inputs(2);
    RUN1("vdup_n_s16", int16x4_t, vdup_n_s16((int16_t)(IN_B[k][2] << 8 | IN_B[k][5])))
    RUN1("vdupq_lane_s16 [2]", int16x4_t, vdupq_lane_s16(a, 2))
    fill_inputs(4);
    RUN1("vdupq_n_u32", uint32x4_t, vdupq_n_u32((uint32_t)nt_rand()))
    RUN1("vdup_laneq_u32 [3]", uint32x4_t, vdup_laneq_u32(a, 3))
    fill_inputs(8);
    RUN1("vdupq_n_u64", uint64x2_t, vdupq_n_u64(nt_rand()))
    RUN1("vdupq_laneq_s64 [1]", int64x2_t, vdupq_laneq_s64(a, 1))
    RUN1("vdupb_lane_u8 [5]", int64x2_t, vdupq_n_u8(vdupb_laneq_u8(vreinterpretq_u8_s64(a), 5)))

    /* lane get: zero- and sign-extending moves to general registers */
    fill_inputs(1);
    RUN1S("vgetq_lane_u8 [15]", uint8x16_t, (uint64_t)vgetq_lane_u8(a, 15))
    RUN1S("vgetq_lane_s8 [9] sext", int8x16_t, (int64_t)vgetq_lane_s8(a, 9))
    fill_inputs(2);
    RUN1S("vget_lane_u16 [3]", uint16x4_t, (uint64_t)vget_lane_u16(a, 3))
    RUN1S("vgetq_lane_s16 [6] sext", int16x8_t, (int64_t)vgetq_lane_s16(a, 6))
    fill_inputs(4);
    RUN1S("vgetq_lane_s32 [2] sext", int32x4_t, (int64_t)vgetq_lane_s32(a, 2))
    RUN1S("vget_lane_u32 [1]", uint32x2_t, (uint64_t)vget_lane_u32(a, 1))
    fill_inputs(8);
    RUN1S("vgetq_lane_u64 [1]", uint64x2_t, vgetq_lane_u64(a, 1))
    /* lane set (INS from a general register) and lane copies (INS element) */
    fill_inputs(1);
    RUN1("vsetq_lane_u8 [11]", uint8x16_t, vsetq_lane_u8(IN_B[k][0], a, 11))
    RUN2("vcopyq_laneq_u8 [2]<-[14]", uint8x16_t, uint8x16_t, vcopyq_laneq_u8(a, 2, b, 14))
    fill_inputs(2);
    RUN1("vset_lane_s16 [1]", int16x4_t, vset_lane_s16(-2, a, 1))
    RUN2("vcopy_lane_u16 [3]<-[0]", uint16x4_t, uint16x4_t, vcopy_lane_u16(a, 3, b, 0))
    fill_inputs(4);
    RUN1("vsetq_lane_u32 [3]", uint32x4_t, vsetq_lane_u32(0xdeadbeefu, a, 3))
    RUN2("vcopyq_lane_s32 [0]<-[1]", int32x4_t, int32x2_t, vcopyq_lane_s32(a, 0, b, 1))
    fill_inputs(8);
    RUN1("vsetq_lane_u64 [0]", uint64x2_t, vsetq_lane_u64(0x0123456789abcdefull, a, 0))
    RUN2("vcopyq_laneq_u64 [1]<-[0]", uint64x2_t, uint64x2_t, vcopyq_laneq_u64(a, 1, b, 0))
    /* combine, high, low */
    fill_inputs(1);
    RUN2("vcombine_u8", uint8x8_t, uint8x8_t, vcombine_u8(a, b))
    RUN1("vget_high_u8", uint8x16_t, vget_high_u8(a))
    RUN1("vget_low_u8", uint8x16_t, vget_low_u8(a))
    fill_inputs(8);
    RUN2("vcombine_high_low", uint64x2_t, uint64x2_t, vcombine_u64(vget_high_u64(a), vget_low_u64(b)))
}

static void reversals(void)
{
    fill_inputs(1);
    RUN1("vrev16_u8", uint8x8_t, vrev16_u8(a))
    RUN1("vrev16q_u8", uint8x16_t, vrev16q_u8(a))
    RUN1("vrev32q_u8", uint8x16_t, vrev32q_u8(a))
    RUN1("vrev64_u8", uint8x8_t, vrev64_u8(a))
    RUN1("vrev64q_u8", uint8x16_t, vrev64q_u8(a))
    fill_inputs(2);
    RUN1("vrev32_u16", uint16x4_t, vrev32_u16(a))
    RUN1("vrev64q_s16", int16x8_t, vrev64q_s16(a))
    fill_inputs(4);
    RUN1("vrev64q_u32", uint32x4_t, vrev64q_u32(a))
}

/* vector immediates: the compiler picks MOVI/MVNI/ORR/BIC/FMOV encodings */
static void immediates(void)
{
    fill_inputs(4);
    RUN1("movi 8-bit", uint32x4_t, vaddq_u8(vreinterpretq_u8_u32(a), vdupq_n_u8(0x5a)))
    RUN1("movi 16-bit lsl 8", uint32x4_t, vaddq_u16(vreinterpretq_u16_u32(a), vdupq_n_u16(0xab00)))
    RUN1("movi 32-bit lsl 16", uint32x4_t, vaddq_u32(a, vdupq_n_u32(0x00ab0000)))
    RUN1("movi 32-bit msl 8", uint32x4_t, vaddq_u32(a, vdupq_n_u32(0x0000abff)))
    RUN1("mvni 32-bit lsl 24", uint32x4_t, vaddq_u32(a, vdupq_n_u32(0x00ffffff)))
    RUN1("mvni 16-bit", uint32x4_t, vaddq_u16(vreinterpretq_u16_u32(a), vdupq_n_u16(0xff12)))
    RUN1("movi 64-bit bytes", uint32x4_t, vaddq_u64(vreinterpretq_u64_u32(a), vdupq_n_u64(0xff00ff0000ffff00ull)))
    RUN1("orr 32-bit imm", uint32x4_t, vorrq_u32(a, vdupq_n_u32(0x00001200)))
    RUN1("bic 16-bit imm", uint32x4_t, vbicq_u16(vreinterpretq_u16_u32(a), vdupq_n_u16(0x00f0)))
    RUN1("bic 32-bit imm lsl 24", uint32x4_t, vandq_u32(a, vdupq_n_u32(0x80ffffff)))
    RUN1("fmov f32 1.5", uint32x4_t, vaddq_f32(vreinterpretq_f32_u32(vandq_u32(a, vdupq_n_u32(0x3fffffff))),
                                             vdupq_n_f32(1.5f)))
    RUN1("fmov f64 -0.25", uint32x4_t, vmulq_f64(vreinterpretq_f64_u32(vandq_u32(a, vdupq_n_u32(0x3fffffff))),
                                               vdupq_n_f64(-0.25)))
    RUN1("movi d zero-ones", uint32x4_t, vand_u64(vget_low_u64(vreinterpretq_u64_u32(a)), vdup_n_u64(0x00ff00ffff0000ffull)))
}

int main(void)
{
    tables();
    zips();
    ext_dup_lanes();
    reversals();
    immediates();
    nt_done("neon_perm");
    return 0;
}
