/* neon_intrin.c — the AdvSIMD integer ops through arm_neon.h intrinsics, as
 * compiled C uses them: arithmetic, saturating, halving, compares, min/max,
 * absolute difference, multiply-accumulate, doubling high multiplies,
 * register shifts, pairwise and across-lanes reductions, narrowing,
 * bit counts and reversals, table lookups, zips/unzips/transposes, EXT,
 * lane get/set and DUP, over a few input vectors with lane boundaries.
 * Inputs are read through volatile so nothing folds at compile time. */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static volatile uint64_t inputs[][2] = {
    { 0x7fff80000001ffffull, 0x807f01ff00fe7f80ull },
    { 0x80007fffffff0001ull, 0x7f80ff01017f80feull },
    { 0xfedcba9876543210ull, 0x0123456789abcdefull },
    { 0x0000000000000001ull, 0xffffffffffffffffull },
    { 0x7fffffffffffffffull, 0x8000000000000000ull },
};
#define NIN (sizeof(inputs) / sizeof(inputs[0]))

static uint8x16_t in(unsigned i)
{
    uint64_t v[2] = { inputs[i][0], inputs[i][1] };
    return vld1q_u8((const uint8_t *)v);
}

static void show(const char *name, const void *p, size_t n)
{
    const uint8_t *b = p;
    printf("%-10s ", name);
    for (size_t i = n; i-- > 0;)
        printf("%02x", b[i]);
    printf("\n");
}
#define SHOWQ(name, expr) do { __typeof__(expr) r_ = (expr); show(name, &r_, 16); } while (0)
#define SHOWD(name, expr) do { __typeof__(expr) r_ = (expr); show(name, &r_, 8); } while (0)
#define SHOWX(name, expr) printf("%-10s %016llx\n", name, (unsigned long long)(expr))

static void run(uint8x16_t a8, uint8x16_t b8, uint8x16_t c8)
{
    int8x16_t sa8 = vreinterpretq_s8_u8(a8), sb8 = vreinterpretq_s8_u8(b8);
    uint16x8_t a16 = vreinterpretq_u16_u8(a8), b16 = vreinterpretq_u16_u8(b8);
    int16x8_t sa16 = vreinterpretq_s16_u8(a8), sb16 = vreinterpretq_s16_u8(b8);
    uint32x4_t a32 = vreinterpretq_u32_u8(a8), b32 = vreinterpretq_u32_u8(b8);
    int32x4_t sa32 = vreinterpretq_s32_u8(a8), sb32 = vreinterpretq_s32_u8(b8);
    uint64x2_t a64 = vreinterpretq_u64_u8(a8), b64 = vreinterpretq_u64_u8(b8);
    int64x2_t sa64 = vreinterpretq_s64_u8(a8), sb64 = vreinterpretq_s64_u8(b8);

    SHOWQ("add8", vaddq_u8(a8, b8));
    SHOWQ("sub16", vsubq_u16(a16, b16));
    SHOWQ("add64", vaddq_u64(a64, b64));
    SHOWD("sub32d", vsub_u32(vget_low_u32(a32), vget_high_u32(b32)));
    SHOWQ("qadd_s8", vqaddq_s8(sa8, sb8));
    SHOWQ("qadd_u16", vqaddq_u16(a16, b16));
    SHOWQ("qsub_s32", vqsubq_s32(sa32, sb32));
    SHOWQ("qsub_u64", vqsubq_u64(a64, b64));
    SHOWQ("qadd_s64", vqaddq_s64(sa64, sb64));
    SHOWQ("hadd_s8", vhaddq_s8(sa8, sb8));
    SHOWQ("rhadd_u16", vrhaddq_u16(a16, b16));
    SHOWQ("hsub_s32", vhsubq_s32(sa32, sb32));
    SHOWQ("cgt_s8", vcgtq_s8(sa8, sb8));
    SHOWQ("cge_u16", vcgeq_u16(a16, b16));
    SHOWQ("clt_s32", vcltq_s32(sa32, sb32));
    SHOWQ("ceq_u64", vceqq_u64(a64, b64));
    SHOWQ("cgt_s64", vcgtq_s64(sa64, sb64));
    SHOWQ("tst_u8", vtstq_u8(a8, b8));
    SHOWQ("ceqz_s16", vceqzq_s16(sa16));
    SHOWQ("cltz_s8", vcltzq_s8(sa8));
    SHOWQ("max_s16", vmaxq_s16(sa16, sb16));
    SHOWQ("min_u32", vminq_u32(a32, b32));
    SHOWQ("pmax_u8", vpmaxq_u8(a8, b8));
    SHOWQ("pmin_s16", vpminq_s16(sa16, sb16));
    SHOWQ("padd_u32", vpaddq_u32(a32, b32));
    SHOWQ("abd_s8", vabdq_s8(sa8, sb8));
    SHOWQ("aba_u16", vabaq_u16(vreinterpretq_u16_u8(c8), a16, b16));
    SHOWQ("mla_u32", vmlaq_u32(vreinterpretq_u32_u8(c8), a32, b32));
    SHOWQ("mls_u16", vmlsq_u16(vreinterpretq_u16_u8(c8), a16, b16));
    SHOWQ("mul_u8", vmulq_u8(a8, b8));
    SHOWQ("pmul_p8", vmulq_p8(vreinterpretq_p8_u8(a8), vreinterpretq_p8_u8(b8)));
    SHOWQ("qdmulh16", vqdmulhq_s16(sa16, sb16));
    SHOWQ("qrdmulh32", vqrdmulhq_s32(sa32, sb32));
    SHOWQ("shl_s8", vshlq_s8(sa8, sb8));
    SHOWQ("shl_u64", vshlq_u64(a64, sb64));
    SHOWQ("rshl_s16", vrshlq_s16(sa16, sb16));
    SHOWQ("qshl_u32", vqshlq_u32(a32, sb32));
    SHOWQ("qrshl_s64", vqrshlq_s64(sa64, sb64));
    SHOWQ("and", vandq_u8(a8, b8));
    SHOWQ("bic", vbicq_u8(a8, b8));
    SHOWQ("orn", vornq_u8(a8, b8));
    SHOWQ("eor", veorq_u8(a8, b8));
    SHOWQ("bsl", vbslq_u8(c8, a8, b8));
    SHOWQ("mvn", vmvnq_u8(a8));
    SHOWQ("abs_s16", vabsq_s16(sa16));
    SHOWQ("neg_s64", vnegq_s64(sa64));
    SHOWQ("qabs_s8", vqabsq_s8(sa8));
    SHOWQ("qneg_s32", vqnegq_s32(sa32));
    SHOWQ("uqadd_s8", vuqaddq_s8(sa8, b8));
    SHOWQ("sqadd_u16", vsqaddq_u16(a16, sb16));
    SHOWQ("cnt", vcntq_u8(a8));
    SHOWQ("clz_u16", vclzq_u16(a16));
    SHOWQ("cls_s32", vclsq_s32(sa32));
    SHOWQ("rbit", vrbitq_u8(a8));
    SHOWQ("rev64_16", vrev64q_u16(a16));
    SHOWQ("rev32_8", vrev32q_u8(a8));
    SHOWQ("rev16_8", vrev16q_u8(a8));
    SHOWQ("paddl_s8", vpaddlq_s8(sa8));
    SHOWQ("padal_u16", vpadalq_u16(vreinterpretq_u32_u8(c8), a16));
    SHOWD("movn_u16", vmovn_u16(a16));
    SHOWD("qmovn_s32", vqmovn_s32(sa32));
    SHOWD("qmovn_u64", vqmovn_u64(a64));
    SHOWD("qmovun_s16", vqmovun_s16(sa16));
    SHOWQ("movn_high", vmovn_high_u32(vget_low_u16(vreinterpretq_u16_u8(c8)), a32));
    SHOWQ("shll_max8", vshll_n_u8(vget_low_u8(a8), 8));
    SHOWQ("shll_high", vshll_high_n_s16(sa16, 16));
    SHOWX("addv_u8", vaddvq_u8(a8));
    SHOWX("addv_s32", (uint32_t)vaddvq_s32(sa32));
    SHOWX("addlv_s8", (uint16_t)vaddlvq_s8(sa8));
    SHOWX("addlv_u32", vaddlvq_u32(a32));
    SHOWX("maxv_s8", (uint8_t)vmaxvq_s8(sa8));
    SHOWX("minv_u16", vminvq_u16(a16));
    SHOWX("maxv_u32", vmaxvq_u32(a32));
    SHOWX("addp_d", vpaddd_u64(a64));
    SHOWQ("tbl1", vqtbl1q_u8(a8, b8 & vdupq_n_u8(0x1f)));
    SHOWQ("tbl2", vqtbl2q_u8((uint8x16x2_t){ { a8, b8 } }, c8 & vdupq_n_u8(0x3f)));
    SHOWQ("tbx1", vqtbx1q_u8(c8, a8, b8));
    SHOWQ("zip1_8", vzip1q_u8(a8, b8));
    SHOWQ("zip2_16", vzip2q_u16(a16, b16));
    SHOWQ("uzp1_32", vuzp1q_u32(a32, b32));
    SHOWQ("uzp2_8", vuzp2q_u8(a8, b8));
    SHOWQ("trn1_16", vtrn1q_u16(a16, b16));
    SHOWQ("trn2_64", vtrn2q_u64(a64, b64));
    SHOWQ("ext3", vextq_u8(a8, b8, 3));
    SHOWQ("ext11", vextq_u8(a8, b8, 11));
    SHOWQ("dup_lane", vdupq_laneq_u16(a16, 5));
    SHOWQ("dup_n", vdupq_n_u32(vgetq_lane_u32(b32, 2)));
    SHOWQ("set_lane", vsetq_lane_u8(vgetq_lane_u8(b8, 9), a8, 14));
    SHOWQ("copy_lane", vcopyq_laneq_u32(a32, 1, b32, 3));
    SHOWX("get_s16", (uint64_t)(int64_t)vgetq_lane_s16(sa16, 7));
    SHOWX("get_s8", (uint64_t)(int64_t)vgetq_lane_s8(sa8, 15));
}

int main(void)
{
    for (unsigned i = 0; i < NIN; i++) {
        printf("-- set %u\n", i);
        run(in(i), in((i + 1) % NIN), in((i + 2) % NIN));
    }
    return 0;
}
