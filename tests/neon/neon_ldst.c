/* neon_ldst — NEON structure loads and stores through arm_neon.h: vld1-4 /
 * vst1-4 (interleaving 2, 3 or 4 registers, every element size, 64- and
 * 128-bit), the multi-register vld1_x2/x3/x4 and vst1_x2/x3/x4, single-lane
 * loads and stores (vld1-4_lane, vst1-4_lane), load-and-replicate
 * (vld1-4_dup), at aligned and unaligned addresses, and the post-indexed
 * forms (immediate and register increments) that loops compile to. Loads
 * print the registers; stores print the buffer around the stored bytes (so
 * a store that writes too much or too little shows). Compared against qemu
 * by tests/neon/run.sh. */
#include "neon_common.h"

static uint8_t mem[1024] __attribute__((aligned(16)));
static uint8_t out[256] __attribute__((aligned(16)));
static const int offsets[] = { 0, 1, 13 };

static void fill_mem(void)
{
    for (unsigned i = 0; i < sizeof mem; i++) mem[i] = (uint8_t)(i * 37 + 11 + (i >> 8));
}

/* hide a pointer's value so the compiler emits the real access */
#define OPAQUE(p) __asm__ volatile("" : "+r"(p))
#define SHOW1(r) __asm__ volatile("" : "+w"(r))
#define SHOWN(r, n)                                                          \
    do {                                                                     \
        for (int v_ = 0; v_ < (n); v_++) __asm__ volatile("" : "+w"((r).val[v_])); \
    } while (0)

/* a load of n registers at each offset: p is the address */
#define LD(name, n, expr)                                                    \
    for (int o = 0; o < 3; o++) {                                            \
        const uint8_t *p = mem + 64 + offsets[o];                            \
        OPAQUE(p);                                                           \
        __typeof__(expr) r = (expr);                                         \
        LD_SHOW_##n(r);                                                      \
        print_result(name, offsets[o], &r, sizeof r, 0);                     \
    }
#define LD_SHOW_1(r) SHOW1(r)
#define LD_SHOW_2(r) SHOWN(r, 2)
#define LD_SHOW_3(r) SHOWN(r, 3)
#define LD_SHOW_4(r) SHOWN(r, 4)

/* a lane load needs the register it inserts into: v, from IN_A */
#define LDL(name, vt, n, expr)                                               \
    for (int o = 0; o < 3; o++) {                                            \
        const uint8_t *p = mem + 64 + offsets[o];                            \
        vt v;                                                                \
        memcpy(&v, IN_A[o], sizeof v);                                       \
        OPAQUE(p);                                                           \
        LD_SHOW_##n(v);                                                      \
        __typeof__(expr) r = (expr);                                         \
        LD_SHOW_##n(r);                                                      \
        print_result(name, offsets[o], &r, sizeof r, 0);                     \
    }

/* the stored value must come from registers the compiler cannot see through
 * (else vst1 of a memcpy'd value may become a memcpy); for tuples a memory
 * clobber does it (a "+w" per register runs GCC 12 out of reloads) */
#define ST_HIDE_1(v) SHOW1(v)
#define ST_HIDE_2(v) __asm__ volatile("" : : "r"(&(v)) : "memory")
#define ST_HIDE_3(v) ST_HIDE_2(v)
#define ST_HIDE_4(v) ST_HIDE_2(v)

/* a store of v (n registers, from IN_A) at each offset of out */
#define ST(name, vt, n, stmt)                                                \
    for (int o = 0; o < 3; o++) {                                            \
        uint8_t *p = out + 16 + offsets[o];                                  \
        vt v;                                                                \
        memcpy(&v, IN_A[o + 3], sizeof v);                                   \
        memset(out, 0xee, sizeof out);                                       \
        OPAQUE(p);                                                           \
        ST_HIDE_##n(v);                                                      \
        stmt;                                                                \
        __asm__ volatile("" ::: "memory");                                   \
        printf("%-22s %d: ", name, offsets[o]);                              \
        print_hex(out, 16 + 13 + sizeof v + 3);                              \
        putchar('\n');                                                       \
    }

static void loads(void)
{
    LD("vld1_u8", 1, vld1_u8(p))
    LD("vld1q_u8", 1, vld1q_u8(p))
    LD("vld1q_u16", 1, vld1q_u16((const uint16_t *)p))
    LD("vld1_u32", 1, vld1_u32((const uint32_t *)p))
    LD("vld1q_u64", 1, vld1q_u64((const uint64_t *)p))
    LD("vld1q_f64", 1, vld1q_f64((const float64_t *)p))
    LD("vld1q_u8_x2", 2, vld1q_u8_x2(p))
    LD("vld1_u16_x3", 3, vld1_u16_x3((const uint16_t *)p))
    LD("vld1q_u32_x4", 4, vld1q_u32_x4((const uint32_t *)p))
    LD("vld1_u64_x2", 2, vld1_u64_x2((const uint64_t *)p))
    LD("vld2_u8", 2, vld2_u8(p))
    LD("vld2q_u8", 2, vld2q_u8(p))
    LD("vld2_u16", 2, vld2_u16((const uint16_t *)p))
    LD("vld2q_u32", 2, vld2q_u32((const uint32_t *)p))
    LD("vld2q_u64", 2, vld2q_u64((const uint64_t *)p))
    LD("vld3_u8", 3, vld3_u8(p))
    LD("vld3q_u8", 3, vld3q_u8(p))
    LD("vld3q_u16", 3, vld3q_u16((const uint16_t *)p))
    LD("vld3_u32", 3, vld3_u32((const uint32_t *)p))
    LD("vld3q_u64", 3, vld3q_u64((const uint64_t *)p))
    LD("vld4_u8", 4, vld4_u8(p))
    LD("vld4q_u8", 4, vld4q_u8(p))
    LD("vld4_u16", 4, vld4_u16((const uint16_t *)p))
    LD("vld4q_u32", 4, vld4q_u32((const uint32_t *)p))
    LD("vld4q_u64", 4, vld4q_u64((const uint64_t *)p))
    LD("vld4q_f32", 4, vld4q_f32((const float32_t *)p))
}

static void lane_and_dup_loads(void)
{
    fill_inputs(1);
    LDL("vld1q_lane_u8 [9]", uint8x16_t, 1, vld1q_lane_u8(p, v, 9))
    LDL("vld1_lane_u16 [2]", uint16x4_t, 1, vld1_lane_u16((const uint16_t *)p, v, 2))
    LDL("vld1q_lane_u32 [3]", uint32x4_t, 1, vld1q_lane_u32((const uint32_t *)p, v, 3))
    LDL("vld1q_lane_u64 [1]", uint64x2_t, 1, vld1q_lane_u64((const uint64_t *)p, v, 1))
    LDL("vld2q_lane_u8 [15]", uint8x16x2_t, 2, vld2q_lane_u8(p, v, 15))
    LDL("vld2_lane_u16 [1]", uint16x4x2_t, 2, vld2_lane_u16((const uint16_t *)p, v, 1))
    LDL("vld3q_lane_u32 [2]", uint32x4x3_t, 3, vld3q_lane_u32((const uint32_t *)p, v, 2))
    LDL("vld3_lane_u8 [0]", uint8x8x3_t, 3, vld3_lane_u8(p, v, 0))
    LDL("vld4_lane_u8 [5]", uint8x8x4_t, 4, vld4_lane_u8(p, v, 5))
    LDL("vld4q_lane_u16 [6]", uint16x8x4_t, 4, vld4q_lane_u16((const uint16_t *)p, v, 6))
    LDL("vld4q_lane_u64 [0]", uint64x2x4_t, 4, vld4q_lane_u64((const uint64_t *)p, v, 0))
    LD("vld1q_dup_u8", 1, vld1q_dup_u8(p))
    LD("vld1_dup_u16", 1, vld1_dup_u16((const uint16_t *)p))
    LD("vld1q_dup_u32", 1, vld1q_dup_u32((const uint32_t *)p))
    LD("vld1q_dup_u64", 1, vld1q_dup_u64((const uint64_t *)p))
    LD("vld2q_dup_u8", 2, vld2q_dup_u8(p))
    LD("vld2q_dup_u64", 2, vld2q_dup_u64((const uint64_t *)p))
    LD("vld3_dup_u16", 3, vld3_dup_u16((const uint16_t *)p))
    LD("vld3q_dup_u8", 3, vld3q_dup_u8(p))
    LD("vld4q_dup_u32", 4, vld4q_dup_u32((const uint32_t *)p))
    LD("vld4_dup_u8", 4, vld4_dup_u8(p))
}

static void stores(void)
{
    fill_inputs(1);
    ST("vst1_u8", uint8x8_t, 1, vst1_u8(p, v))
    ST("vst1q_u8", uint8x16_t, 1, vst1q_u8(p, v))
    ST("vst1q_u16", uint16x8_t, 1, vst1q_u16((uint16_t *)p, v))
    ST("vst1_u64", uint64x1_t, 1, vst1_u64((uint64_t *)p, v))
    ST("vst1q_u8_x2", uint8x16x2_t, 2, vst1q_u8_x2(p, v))
    ST("vst1_u32_x3", uint32x2x3_t, 3, vst1_u32_x3((uint32_t *)p, v))
    ST("vst1q_u64_x4", uint64x2x4_t, 4, vst1q_u64_x4((uint64_t *)p, v))
    ST("vst2_u8", uint8x8x2_t, 2, vst2_u8(p, v))
    ST("vst2q_u8", uint8x16x2_t, 2, vst2q_u8(p, v))
    ST("vst2_u16", uint16x4x2_t, 2, vst2_u16((uint16_t *)p, v))
    ST("vst2q_u32", uint32x4x2_t, 2, vst2q_u32((uint32_t *)p, v))
    ST("vst2q_u64", uint64x2x2_t, 2, vst2q_u64((uint64_t *)p, v))
    ST("vst3_u8", uint8x8x3_t, 3, vst3_u8(p, v))
    ST("vst3q_u8", uint8x16x3_t, 3, vst3q_u8(p, v))
    ST("vst3q_u16", uint16x8x3_t, 3, vst3q_u16((uint16_t *)p, v))
    ST("vst3_u32", uint32x2x3_t, 3, vst3_u32((uint32_t *)p, v))
    ST("vst3q_u64", uint64x2x3_t, 3, vst3q_u64((uint64_t *)p, v))
    ST("vst4_u8", uint8x8x4_t, 4, vst4_u8(p, v))
    ST("vst4q_u8", uint8x16x4_t, 4, vst4q_u8(p, v))
    ST("vst4_u16", uint16x4x4_t, 4, vst4_u16((uint16_t *)p, v))
    ST("vst4q_u32", uint32x4x4_t, 4, vst4q_u32((uint32_t *)p, v))
    ST("vst4q_u64", uint64x2x4_t, 4, vst4q_u64((uint64_t *)p, v))
    ST("vst1q_lane_u8 [14]", uint8x16_t, 1, vst1q_lane_u8(p, v, 14))
    ST("vst1_lane_u32 [1]", uint32x2_t, 1, vst1_lane_u32((uint32_t *)p, v, 1))
    ST("vst1q_lane_u64 [1]", uint64x2_t, 1, vst1q_lane_u64((uint64_t *)p, v, 1))
    ST("vst2q_lane_u16 [7]", uint16x8x2_t, 2, vst2q_lane_u16((uint16_t *)p, v, 7))
    ST("vst3_lane_u8 [3]", uint8x8x3_t, 3, vst3_lane_u8(p, v, 3))
    ST("vst3q_lane_u64 [1]", uint64x2x3_t, 3, vst3q_lane_u64((uint64_t *)p, v, 1))
    ST("vst4q_lane_u32 [2]", uint32x4x4_t, 4, vst4q_lane_u32((uint32_t *)p, v, 2))
    ST("vst4_lane_u16 [0]", uint16x4x4_t, 4, vst4_lane_u16((uint16_t *)p, v, 0))
}

/* loops: GCC keeps the pointer bump in the load/store (post-indexed
 * addressing, by an immediate equal to the transfer size or by a register) */
__attribute__((noinline)) static uint64_t deinterleave_rgb(const uint8_t *src, int n, uint8_t *dst)
{
    uint8x16_t acc = vdupq_n_u8(0);
    for (int i = 0; i < n; i++) {
        uint8x16x3_t px = vld3q_u8(src);
        src += 48;
        uint8x16x3_t sw = { { px.val[2], px.val[0], vaddq_u8(px.val[1], acc) } };
        acc = veorq_u8(acc, px.val[0]);
        vst3q_u8(dst, sw);
        dst += 48;
    }
    return vgetq_lane_u64(vreinterpretq_u64_u8(acc), 0) ^ vgetq_lane_u64(vreinterpretq_u64_u8(acc), 1);
}

__attribute__((noinline)) static uint64_t strided_sum(const uint8_t *src, long stride, int n)
{
    uint32x4_t acc = vdupq_n_u32(0);
    for (int i = 0; i < n; i++) {
        uint32x4_t v = vld1q_u32((const uint32_t *)src);
        src += stride;
        acc = vaddq_u32(acc, v);
    }
    return vaddvq_u32(acc);
}

__attribute__((noinline)) static void copy_x4(const uint8_t *src, uint8_t *dst, long stride, int n)
{
    for (int i = 0; i < n; i++) {
        uint8x16x4_t v = vld1q_u8_x4(src);
        src += 64;
        vst1q_u8_x4(dst, v);
        dst += stride;
    }
}

/* post-indexed by a register: GCC does not emit these forms for intrinsics,
 * so they are written out (the address register must advance by xm) */
static void post_register(void)
{
    const uint8_t *src = mem + 7;
    uint8_t *dst = out + 16;
    long step = 40, back = -24;
    uint8x16_t r0, r1, r2, r3;
    memset(out, 0xee, sizeof out);
    __asm__ volatile("movi v30.16b, #0x5a\n\t"
                     "movi v31.16b, #0xa5\n\t"
                     "ld1 {v24.16b, v25.16b}, [%4], %5\n\t"
                     "ld4r {v26.8h, v27.8h, v28.8h, v29.8h}, [%4], %6\n\t"
                     "st2 {v24.8h, v25.8h}, [%7], %5\n\t"
                     "st1 {v26.d}[1], [%7], #8\n\t"
                     "ld3 {v29.b, v30.b, v31.b}[11], [%4], #3\n\t"
                     "st1 {v29.16b}, [%7], %6\n\t"
                     "mov %0.16b, v24.16b\n\t"
                     "mov %1.16b, v25.16b\n\t"
                     "mov %2.16b, v27.16b\n\t"
                     "mov %3.16b, v31.16b"
                     : "=&w"(r0), "=&w"(r1), "=&w"(r2), "=&w"(r3), "+r"(src), "+r"(step), "+r"(back),
                       "+r"(dst)
                     :
                     : "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31", "memory");
    printf("post-indexed by register: src +%ld dst +%ld ", (long)(src - mem), (long)(dst - out));
    print_hex(&r0, 16);
    putchar(' ');
    print_hex(&r1, 16);
    putchar(' ');
    print_hex(&r2, 16);
    putchar(' ');
    print_hex(&r3, 16);
    putchar(' ');
    print_hex(out, 120);
    putchar('\n');
}

static void loops(void)
{
    uint8_t buf[4 * 48 + 8];
    memset(buf, 0xee, sizeof buf);
    uint64_t h = deinterleave_rgb(mem + 3, 4, buf);
    printf("deinterleave_rgb: %016" PRIx64 " ", h);
    print_hex(buf, sizeof buf);
    putchar('\n');
    printf("strided_sum 16: %08" PRIx64 ", 48: %08" PRIx64 ", -32: %08" PRIx64 "\n",
           strided_sum(mem, 16, 40), strided_sum(mem + 1, 48, 12), strided_sum(mem + 900, -32, 20));
    uint8_t big[200];
    memset(big, 0xee, sizeof big);
    copy_x4(mem + 5, big, 66, 2);
    printf("copy_x4: ");
    print_hex(big, 140);
    putchar('\n');
}

int main(void)
{
    fill_mem();
    loads();
    lane_and_dup_loads();
    stores();
    loops();
    post_register();
    nt_done("neon_ldst");
    return 0;
}
