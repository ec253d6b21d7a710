/* test_a64_fp.c — unit tests of the aarch64 floating-point frontend and its
 * software FP library:
 *  - decoding: one encoding of every scalar FP / AdvSIMD FP mnemonic and
 *    form is accepted, by the FP tables (not the integer ones); FP16, FHM,
 *    FCMA, BF16, FRINTTS, JSCVT and the reserved forms reach no accepting
 *    row and leave no IR; without FP/SIMD features nothing is accepted;
 *  - fp_arm.c against the host's IEEE arithmetic in all four rounding modes
 *    on random operands of every class (value and flags, UFC excepted:
 *    x86 detects tininess after rounding), then the Arm-specific rules:
 *    NaN priority, default NaN, FZ with IDC/UFC, tininess before rounding,
 *    FMULX/FRECPS special cases, saturating conversions, estimates;
 *  - the IR pieces scalar FP relies on: opt_state's low-half forwarding of a
 *    single from a 64-bit value, opt_fold's bitcast round trips.
 * Instruction semantics end to end are checked against qemu by
 * tests/a64/fp_*.S; the word lists were cross-checked with GNU objdump 2.40.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "frontends/aarch64/a64_internal.h"
#include "frontends/aarch64/fp_arm.h"

#define ALL_FEATURES (~0ull)
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* offer insn to the rows as the translator does (all tables, or only the two
 * FP ones); true if one accepted it. A refusing row must not have built IR. */
static bool offered(uint32_t insn, uint64_t features, bool fp_only)
{
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    struct a64_ctx s = { .b = &b, .pc = 0x1000, .features = features };
    bool ok = false;
    if (fp_only) {
        const struct a64_pattern *tabs[2] = {a64_fp_patterns, a64_simdfp_patterns};
        for (int t = 0; t < 2 && !ok; t++)
            for (const struct a64_pattern *p = tabs[t]; p->trans && !ok; p++) {
                if ((insn & p->mask) != p->match || (p->feat & features) != p->feat)
                    continue;
                int before = b.nops;
                ok = p->trans(&s, insn);
                if (!ok)
                    assert_int_equal(b.nops, before);
            }
    } else {
        const struct a64_pattern *p;
        int pos = 0;
        while (!ok && (p = a64_decode_next(insn, features, &pos))) {
            int before = b.nops;
            ok = p->trans(&s, insn);
            if (!ok)
                assert_int_equal(b.nops, before);
        }
    }
    ir_block_free(&b);
    return ok;
}

/* one encoding of every mnemonic and form */
static const uint32_t valid_words[] = {
    0x1e604041, /* fmov d1, d2 */
    0x1e204041, /* fmov s1, s2 */
    0x1e60c041, /* fabs d1, d2 */
    0x1e214041, /* fneg s1, s2 */
    0x1e61c041, /* fsqrt d1, d2 */
    0x1e624041, /* fcvt s1, d2 */
    0x1e22c041, /* fcvt d1, s2 */
    0x1e23c041, /* fcvt h1, s2 */
    0x1e63c041, /* fcvt h1, d2 */
    0x1ee24041, /* fcvt s1, h2 */
    0x1ee2c041, /* fcvt d1, h2 */
    0x1e644041, /* frintn d1, d2 */
    0x1e24c041, /* frintp s1, s2 */
    0x1e654041, /* frintm d1, d2 */
    0x1e25c041, /* frintz s1, s2 */
    0x1e664041, /* frinta d1, d2 */
    0x1e274041, /* frintx s1, s2 */
    0x1e67c041, /* frinti d1, d2 */
    0x1e630841, /* fmul d1, d2, d3 */
    0x1e231841, /* fdiv s1, s2, s3 */
    0x1e632841, /* fadd d1, d2, d3 */
    0x1e233841, /* fsub s1, s2, s3 */
    0x1e634841, /* fmax d1, d2, d3 */
    0x1e235841, /* fmin s1, s2, s3 */
    0x1e636841, /* fmaxnm d1, d2, d3 */
    0x1e237841, /* fminnm s1, s2, s3 */
    0x1e638841, /* fnmul d1, d2, d3 */
    0x1f431041, /* fmadd d1, d2, d3, d4 */
    0x1f039041, /* fmsub s1, s2, s3, s4 */
    0x1f631041, /* fnmadd d1, d2, d3, d4 */
    0x1f239041, /* fnmsub s1, s2, s3, s4 */
    0x1e622020, /* fcmp d1, d2 */
    0x1e222030, /* fcmpe s1, s2 */
    0x1e602028, /* fcmp d1, #0.0 */
    0x1e202038, /* fcmpe s1, #0.0 */
    0x1e620423, /* fccmp d1, d2, #0x3, eq */
    0x1e22b43c, /* fccmpe s1, s2, #0xc, lt */
    0x1e631c41, /* fcsel d1, d2, d3, ne */
    0x1e6e1001, /* fmov d1, #1.000000000000000000e+00 */
    0x1e3c1001, /* fmov s1, #-5.000000000000000000e-01 */
    0x9e660041, /* fmov x1, d2 */
    0x9e670041, /* fmov d1, x2 */
    0x1e260041, /* fmov w1, s2 */
    0x1e270041, /* fmov s1, w2 */
    0x9eae0041, /* fmov x1, v2.d[1] */
    0x9eaf0041, /* fmov v1.d[1], x2 */
    0x1e600041, /* fcvtns w1, d2 */
    0x9e280041, /* fcvtps x1, s2 */
    0x1e300041, /* fcvtms w1, s2 */
    0x9e780041, /* fcvtzs x1, d2 */
    0x1e610041, /* fcvtnu w1, d2 */
    0x9e290041, /* fcvtpu x1, s2 */
    0x1e310041, /* fcvtmu w1, s2 */
    0x9e790041, /* fcvtzu x1, d2 */
    0x1e640041, /* fcvtas w1, d2 */
    0x9e250041, /* fcvtau x1, s2 */
    0x1e620041, /* scvtf d1, w2 */
    0x9e230041, /* ucvtf s1, x2 */
    0x9e02b041, /* scvtf s1, x2, #20 */
    0x1e438041, /* ucvtf d1, w2, #32 */
    0x1e58fc41, /* fcvtzs w1, d2, #1 */
    0x9e190041, /* fcvtzu x1, s2, #64 */
    0x4e23d441, /* fadd v1.4s, v2.4s, v3.4s */
    0x0e23d441, /* fadd v1.2s, v2.2s, v3.2s */
    0x4e63d441, /* fadd v1.2d, v2.2d, v3.2d */
    0x4ea3d441, /* fsub v1.4s, v2.4s, v3.4s */
    0x6e63dc41, /* fmul v1.2d, v2.2d, v3.2d */
    0x6e23fc41, /* fdiv v1.4s, v2.4s, v3.4s */
    0x0e23f441, /* fmax v1.2s, v2.2s, v3.2s */
    0x4ee3f441, /* fmin v1.2d, v2.2d, v3.2d */
    0x4e23c441, /* fmaxnm v1.4s, v2.4s, v3.4s */
    0x4ee3c441, /* fminnm v1.2d, v2.2d, v3.2d */
    0x4e23cc41, /* fmla v1.4s, v2.4s, v3.4s */
    0x4ee3cc41, /* fmls v1.2d, v2.2d, v3.2d */
    0x4e23dc41, /* fmulx v1.4s, v2.4s, v3.4s */
    0x6ee3d441, /* fabd v1.2d, v2.2d, v3.2d */
    0x4e23fc41, /* frecps v1.4s, v2.4s, v3.4s */
    0x4ee3fc41, /* frsqrts v1.2d, v2.2d, v3.2d */
    0x4e23e441, /* fcmeq v1.4s, v2.4s, v3.4s */
    0x6e63e441, /* fcmge v1.2d, v2.2d, v3.2d */
    0x2ea3e441, /* fcmgt v1.2s, v2.2s, v3.2s */
    0x6e23ec41, /* facge v1.4s, v2.4s, v3.4s */
    0x6ee3ec41, /* facgt v1.2d, v2.2d, v3.2d */
    0x6e23d441, /* faddp v1.4s, v2.4s, v3.4s */
    0x6e63f441, /* fmaxp v1.2d, v2.2d, v3.2d */
    0x2ea3f441, /* fminp v1.2s, v2.2s, v3.2s */
    0x6e23c441, /* fmaxnmp v1.4s, v2.4s, v3.4s */
    0x6ee3c441, /* fminnmp v1.2d, v2.2d, v3.2d */
    0x5e23dc41, /* fmulx s1, s2, s3 */
    0x7ee3d441, /* fabd d1, d2, d3 */
    0x5e23fc41, /* frecps s1, s2, s3 */
    0x5ee3fc41, /* frsqrts d1, d2, d3 */
    0x5e23e441, /* fcmeq s1, s2, s3 */
    0x7e63e441, /* fcmge d1, d2, d3 */
    0x7ea3e441, /* fcmgt s1, s2, s3 */
    0x7e63ec41, /* facge d1, d2, d3 */
    0x7ea3ec41, /* facgt s1, s2, s3 */
    0x4ea0f841, /* fabs v1.4s, v2.4s */
    0x6ee0f841, /* fneg v1.2d, v2.2d */
    0x2ea1f841, /* fsqrt v1.2s, v2.2s */
    0x4e218841, /* frintn v1.4s, v2.4s */
    0x4ee18841, /* frintp v1.2d, v2.2d */
    0x0e219841, /* frintm v1.2s, v2.2s */
    0x4ea19841, /* frintz v1.4s, v2.4s */
    0x6e618841, /* frinta v1.2d, v2.2d */
    0x2e219841, /* frintx v1.2s, v2.2s */
    0x6ea19841, /* frinti v1.4s, v2.4s */
    0x4e21a841, /* fcvtns v1.4s, v2.4s */
    0x4ee1a841, /* fcvtps v1.2d, v2.2d */
    0x0e21b841, /* fcvtms v1.2s, v2.2s */
    0x4ea1b841, /* fcvtzs v1.4s, v2.4s */
    0x4e61c841, /* fcvtas v1.2d, v2.2d */
    0x2e21a841, /* fcvtnu v1.2s, v2.2s */
    0x6ea1a841, /* fcvtpu v1.4s, v2.4s */
    0x6e61b841, /* fcvtmu v1.2d, v2.2d */
    0x2ea1b841, /* fcvtzu v1.2s, v2.2s */
    0x6e21c841, /* fcvtau v1.4s, v2.4s */
    0x4e21d841, /* scvtf v1.4s, v2.4s */
    0x6e61d841, /* ucvtf v1.2d, v2.2d */
    0x0ea1d841, /* frecpe v1.2s, v2.2s */
    0x6ea1d841, /* frsqrte v1.4s, v2.4s */
    0x4ea1c841, /* urecpe v1.4s, v2.4s */
    0x2ea1c841, /* ursqrte v1.2s, v2.2s */
    0x4ea0c841, /* fcmgt v1.4s, v2.4s, #0.0 */
    0x6ee0c841, /* fcmge v1.2d, v2.2d, #0.0 */
    0x0ea0d841, /* fcmeq v1.2s, v2.2s, #0.0 */
    0x6ea0d841, /* fcmle v1.4s, v2.4s, #0.0 */
    0x4ee0e841, /* fcmlt v1.2d, v2.2d, #0.0 */
    0x0e217841, /* fcvtl v1.4s, v2.4h */
    0x4e617841, /* fcvtl2 v1.2d, v2.4s */
    0x0e216841, /* fcvtn v1.4h, v2.4s */
    0x4e616841, /* fcvtn2 v1.4s, v2.2d */
    0x2e616841, /* fcvtxn v1.2s, v2.2d */
    0x6e616841, /* fcvtxn2 v1.4s, v2.2d */
    0x5e21a841, /* fcvtns s1, s2 */
    0x5ee1a841, /* fcvtps d1, d2 */
    0x5e21b841, /* fcvtms s1, s2 */
    0x5ee1b841, /* fcvtzs d1, d2 */
    0x5e21c841, /* fcvtas s1, s2 */
    0x7e61a841, /* fcvtnu d1, d2 */
    0x7ea1a841, /* fcvtpu s1, s2 */
    0x7e61b841, /* fcvtmu d1, d2 */
    0x7ea1b841, /* fcvtzu s1, s2 */
    0x7e61c841, /* fcvtau d1, d2 */
    0x5e21d841, /* scvtf s1, s2 */
    0x7e61d841, /* ucvtf d1, d2 */
    0x5ee1d841, /* frecpe d1, d2 */
    0x7ea1d841, /* frsqrte s1, s2 */
    0x5ee1f841, /* frecpx d1, d2 */
    0x5ea0c841, /* fcmgt s1, s2, #0.0 */
    0x7ee0c841, /* fcmge d1, d2, #0.0 */
    0x5ea0d841, /* fcmeq s1, s2, #0.0 */
    0x7ee0d841, /* fcmle d1, d2, #0.0 */
    0x5ea0e841, /* fcmlt s1, s2, #0.0 */
    0x7e616841, /* fcvtxn s1, d2 */
    0x6e30c841, /* fmaxnmv s1, v2.4s */
    0x6eb0c841, /* fminnmv s1, v2.4s */
    0x6e30f841, /* fmaxv s1, v2.4s */
    0x6eb0f841, /* fminv s1, v2.4s */
    0x7e30d841, /* faddp s1, v2.2s */
    0x7e70d841, /* faddp d1, v2.2d */
    0x7e30f841, /* fmaxp s1, v2.2s */
    0x7ef0f841, /* fminp d1, v2.2d */
    0x7e30c841, /* fmaxnmp s1, v2.2s */
    0x7ef0c841, /* fminnmp d1, v2.2d */
    0x4fa31041, /* fmla v1.4s, v2.4s, v3.s[1] */
    0x0fbf5841, /* fmls v1.2s, v2.2s, v31.s[3] */
    0x4fc39841, /* fmul v1.2d, v2.2d, v3.d[1] */
    0x6f839841, /* fmulx v1.4s, v2.4s, v3.s[2] */
    0x5f831041, /* fmla s1, s2, v3.s[0] */
    0x5fc35841, /* fmls d1, d2, v3.d[1] */
    0x5fb39841, /* fmul s1, s2, v19.s[3] */
    0x7fc39041, /* fmulx d1, d2, v3.d[0] */
    0x4f3fe441, /* scvtf v1.4s, v2.4s, #1 */
    0x6f40e441, /* ucvtf v1.2d, v2.2d, #64 */
    0x0f20fc41, /* fcvtzs v1.2s, v2.2s, #32 */
    0x6f2ffc41, /* fcvtzu v1.4s, v2.4s, #17 */
    0x5f3be441, /* scvtf s1, s2, #5 */
    0x7f5fe441, /* ucvtf d1, d2, #33 */
    0x5f7ffc41, /* fcvtzs d1, d2, #1 */
    0x7f20fc41, /* fcvtzu s1, s2, #32 */
};

/* extensions tern's models do not have (FP16, FHM, FCMA, BF16, FRINTTS, JSCVT) */
static const uint32_t unprovided_words[] = {
    0x1ee32841, /* fadd h1, h2, h3 */
    0x1ee70041, /* fmov h1, w2 */
    0x1ef80041, /* fcvtzs w1, h2 */
    0x1fc31041, /* fmadd h1, h2, h3, h4 */
    0x1ee22020, /* fcmp h1, h2 */
    0x1ee1c041, /* fsqrt h1, h2 */
    0x1ee44041, /* frintn h1, h2 */
    0x1eee1001, /* fmov h1, #1.000000000000000000e+00 */
    0x1ee30c41, /* fcsel h1, h2, h3, eq */
    0x1ee20041, /* scvtf h1, w2 */
    0x1ee20420, /* fccmp h1, h2, #0x0, eq */
    0x4e431441, /* fadd v1.8h, v2.8h, v3.8h */
    0x4ef8f841, /* fabs v1.8h, v2.8h */
    0x4e30c841, /* fmaxnmv h1, v2.8h */
    0x5e30d841, /* faddp h1, v2.2h */
    0x4f131041, /* fmla v1.8h, v2.8h, v3.h[1] */
    0x4f1de441, /* scvtf v1.8h, v2.8h, #3 */
    0x5f1dfc41, /* fcvtzs h1, h2, #3 */
    0x5e431c41, /* fmulx h1, h2, h3 */
    0x5ef8d841, /* fcmeq h1, h2, #0.0 */
    0x5ef9d841, /* frecpe h1, h2 */
    0x5ef9b841, /* fcvtzs h1, h2 */
    0x1e7e0041, /* fjcvtzs w1, d2 */
    0x1e684041, /* frint32z d1, d2 */
    0x6e21f841, /* frint64x v1.4s, v2.4s */
    0x0e23ec41, /* fmlal v1.2s, v2.2h, v3.2h */
    0x6f93c041, /* fmlsl2 v1.4s, v2.4h, v3.h[1] */
    0x6e83cc41, /* fcmla v1.4s, v2.4s, v3.4s, #90 */
    0x6e83e441, /* fcadd v1.4s, v2.4s, v3.4s, #90 */
    0x6f831841, /* fcmla v1.4s, v2.4s, v3.s[1], #0 */
    0x0ea16841, /* bfcvtn v1.4h, v2.4s */
    0x1e634041, /* bfcvt h1, s2 */
};

/* reserved or unallocated (objdump: undefined) */
static const uint32_t reserved_words[] = {
    0x0e61d441, /* fadd with sz=1, Q=0 ("v1.1d") */
    0x0e61b841, /* fcvtzs with sz=1, Q=0 */
    0x0fc31041, /* fmla by element, 2D with Q=0 */
    0x4fe31041, /* fmla by element, 2D with L=1 */
    0x2e30c841, /* fmaxnmv with Q=0 */
    0x6e70c841, /* fmaxnmv with sz=1 */
    0x4ee1c841, /* urecpe with sz=1 */
    0x6ee1c841, /* ursqrte with sz=1 */
    0x2e216841, /* fcvtxn with sz=0 */
    0x7e216841, /* fcvtxn (scalar) with sz=0 */
    0x0f7de441, /* scvtf #fbits, 2D with Q=0 */
    0x0f0fe441, /* scvtf #fbits with immh=0001 */
    0x1ea04041, /* fmov (register) with ftype=10 */
    0x9e6e0041, /* fmov (general) rmode=01 with ftype=01 */
    0x1ea00041, /* fcvtns with ftype=10 */
    0x1e027c41, /* scvtf (fixed) from W with scale < 32 */
    0x1ea44041, /* frintn with ftype=10 */
    0x1e229841, /* fp 2-source opcode 1001 */
    0x1e22f841, /* fp 2-source opcode 1111 */
    0x1e226041, /* fcmp with op=01 */
    0x1e2e1061, /* fmov (immediate) with imm5 != 0 */
    0x5e22d441, /* scalar three-same fadd (no such form) */
    0x5e22cc41, /* scalar three-same fmla (no such form) */
    0x7e20c841, /* scalar two-reg misc opcode 01100, U=1, a=0 */
    0x4ea1f841, /* frecpx (vector: no such form) */
    0x5e218841, /* frintn (scalar SIMD: no such form) */
    0x5ea0f841, /* fabs (scalar SIMD: no such form) */
    0x7e217841, /* fcvtl (scalar: no such form) */
    0x5e217841, /* fcvtl (scalar: no such form) */
    0x5e216841, /* fcvtn (scalar: no such form) */
    0x6ea1e841, /* two-reg misc U=1 a=1 opcode 11110 */
    0x4ee1e841, /* two-reg misc U=0 a=1 opcode 11110 */
    0x6ee0e841, /* two-reg misc U=1 a=1 opcode 01110 */
    0x6ee3dc41, /* three-same U=1 a=1 opcode 11011 */
    0x6ee3fc41, /* three-same U=1 a=1 opcode 11111 */
    0x4ee3dc41, /* three-same U=0 a=1 opcode 11011 */
    0x4ee3e441, /* three-same U=0 a=1 opcode 11100 */
};

static void test_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(valid_words); i++)
        if (!offered(valid_words[i], ALL_FEATURES, true))
            fail_msg("0x%08x refused by the FP tables", valid_words[i]);
}

static void test_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(unprovided_words); i++)
        if (offered(unprovided_words[i], ALL_FEATURES, false))
            fail_msg("0x%08x accepted", unprovided_words[i]);
    for (size_t i = 0; i < N(reserved_words); i++)
        if (offered(reserved_words[i], ALL_FEATURES, false))
            fail_msg("0x%08x accepted", reserved_words[i]);
}

static void test_feature(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(valid_words); i++)
        if (offered(valid_words[i], ALL_FEATURES & ~(A64_F_FP | A64_F_SIMD), false))
            fail_msg("0x%08x accepted without FP and SIMD", valid_words[i]);
}

/* ---- fp_arm.c against the host ---- */

static uint32_t mx_read(void)
{
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}
static void mx_write(uint32_t m) { __asm__ volatile("ldmxcsr %0" : : "m"(m)); }

/* Arm RMode -> MXCSR.RC */
static const uint32_t rc_of_rmode[4] = {0, 2, 1, 3};

/* MXCSR flags -> FPSR bits (DE ignored) */
static uint32_t fpsr_of_mx(uint32_t m)
{
    return ((m & 0x01) ? FPA_IOC : 0) | ((m & 0x04) ? FPA_DZC : 0) | ((m & 0x08) ? FPA_OFC : 0) |
           ((m & 0x10) ? FPA_UFC : 0) | ((m & 0x20) ? FPA_IXC : 0);
}

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_FMA, OP_NOPS };

/* the operation on the host in rounding mode rmode; *flags = FPSR bits */
static uint64_t host_op(int op, bool dbl, uint64_t a, uint64_t b, uint64_t c, int rmode,
                        uint32_t *flags)
{
    uint32_t saved = mx_read();
    mx_write(0x1f80 | rc_of_rmode[rmode] << 13);
    uint64_t r = 0;
    if (dbl) {
        double x, y, z;
        memcpy(&x, &a, 8), memcpy(&y, &b, 8), memcpy(&z, &c, 8);
        switch (op) {
        case OP_ADD: __asm__ volatile("addsd %1, %0" : "+x"(x) : "x"(y)); break;
        case OP_SUB: __asm__ volatile("subsd %1, %0" : "+x"(x) : "x"(y)); break;
        case OP_MUL: __asm__ volatile("mulsd %1, %0" : "+x"(x) : "x"(y)); break;
        case OP_DIV: __asm__ volatile("divsd %1, %0" : "+x"(x) : "x"(y)); break;
        case OP_SQRT: __asm__ volatile("sqrtsd %1, %0" : "=x"(x) : "x"(x)); break;
        default: __asm__ volatile("vfmadd213sd %2, %1, %0" : "+x"(x) : "x"(y), "x"(z)); break;
        }
        memcpy(&r, &x, 8);
    } else {
        float x, y, z;
        uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, c32 = (uint32_t)c, r32;
        memcpy(&x, &a32, 4), memcpy(&y, &b32, 4), memcpy(&z, &c32, 4);
        switch (op) {
        case OP_ADD: __asm__ volatile("addss %1, %0" : "+x"(x) : "x"(y)); break;
        case OP_SUB: __asm__ volatile("subss %1, %0" : "+x"(x) : "x"(y)); break;
        case OP_MUL: __asm__ volatile("mulss %1, %0" : "+x"(x) : "x"(y)); break;
        case OP_DIV: __asm__ volatile("divss %1, %0" : "+x"(x) : "x"(y)); break;
        case OP_SQRT: __asm__ volatile("sqrtss %1, %0" : "=x"(x) : "x"(x)); break;
        default: __asm__ volatile("vfmadd213ss %2, %1, %0" : "+x"(x) : "x"(y), "x"(z)); break;
        }
        memcpy(&r32, &x, 4);
        r = r32;
    }
    *flags = fpsr_of_mx(mx_read());
    mx_write(saved);
    return r;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* a random operand, biased toward the interesting classes */
static uint64_t operand(bool dbl)
{
    uint64_t v = rnd();
    int ebits = dbl ? 11 : 8, fbits = dbl ? 52 : 23, bias = dbl ? 1023 : 127;
    uint64_t sign = v >> 63, frac = v & ((1ull << fbits) - 1), e;
    switch (rnd() % 10) {
    case 0: e = 0; break;                                  /* denormal / zero */
    case 1: e = 0; frac = 0; break;
    case 2: e = (1u << ebits) - 1; frac = rnd() % 3 ? frac : 0; break; /* NaN / inf */
    case 3: e = 1 + rnd() % 3; break;                      /* smallest normals */
    case 4: e = (1u << ebits) - 2 - rnd() % 3; break;      /* largest */
    case 5: frac &= ~0xfffull; e = (uint64_t)bias + rnd() % 8; break; /* short */
    default: e = (uint64_t)bias - 40 + rnd() % 80; break;
    }
    return sign << (dbl ? 63 : 31) | e << fbits | frac;
}

static void test_arith_vs_host(void **state)
{
    (void)state;
    bool fma_ok = __builtin_cpu_supports("fma");
    int bad = 0;
    for (int i = 0; i < 400000 && bad < 10; i++) {
        bool dbl = rnd() & 1;
        int fmt = dbl ? FPA_D : FPA_S, op = (int)(rnd() % OP_NOPS), rmode = (int)(rnd() & 3);
        if (op == OP_FMA && !fma_ok)
            continue;
        uint64_t a = operand(dbl), b = operand(dbl), c = operand(dbl);
        struct fpa ctx = {(uint32_t)rmode << 22, 0};
        uint64_t r;
        switch (op) {
        case OP_ADD: r = fpa_add(&ctx, fmt, a, b); break;
        case OP_SUB: r = fpa_sub(&ctx, fmt, a, b); break;
        case OP_MUL: r = fpa_mul(&ctx, fmt, a, b); break;
        case OP_DIV: r = fpa_div(&ctx, fmt, a, b); break;
        case OP_SQRT: r = fpa_sqrt(&ctx, fmt, a); break;
        default: r = fpa_muladd(&ctx, fmt, c, a, b); break;
        }
        uint32_t hf;
        uint64_t h = host_op(op, dbl, a, b, c, rmode, &hf);
        bool nan = fpa_is_nan(fmt, h);
        /* NaN payload selection and FMA's invalid rules differ by design */
        bool ok = nan ? fpa_is_nan(fmt, r) && (op == OP_FMA || (ctx.flags & 0x17) == (hf & 0x17))
                      : r == h && (ctx.flags & 0x17) == (hf & 0x17);
        /* tininess before rounding flags a superset of after */
        ok = ok && (!(hf & FPA_UFC) || (ctx.flags & FPA_UFC));
        if (!ok) {
            print_error("op %d %s rmode %d a %#llx b %#llx c %#llx: %#llx/%#x, host %#llx/%#x\n",
                        op, dbl ? "d" : "s", rmode, (unsigned long long)a, (unsigned long long)b,
                        (unsigned long long)c, (unsigned long long)r, ctx.flags,
                        (unsigned long long)h, hf);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_convert_vs_host(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = 0; i < 200000 && bad < 10; i++) {
        int rmode = (int)(rnd() & 3);
        uint64_t a = operand(true);
        struct fpa ctx = {(uint32_t)rmode << 22, 0};
        uint32_t saved = mx_read();
        mx_write(0x1f80 | rc_of_rmode[rmode] << 13);
        double x;
        memcpy(&x, &a, 8);
        float f;
        long long q;
        __asm__ volatile("cvtsd2ss %1, %0" : "=x"(f) : "x"(x));
        uint32_t fl = fpsr_of_mx(mx_read());
        mx_write(0x1f80 | rc_of_rmode[rmode] << 13);
        __asm__ volatile("cvtsd2si %1, %0" : "=r"(q) : "x"(x));
        uint32_t ql = fpsr_of_mx(mx_read());
        mx_write(saved);
        uint32_t fb;
        memcpy(&fb, &f, 4);
        uint64_t r = fpa_convert(&ctx, FPA_D, FPA_S, a, rmode);
        if (fpa_is_nan(FPA_S, fb) ? r != fb : r != fb || (ctx.flags & 0x17) != (fl & 0x17)) {
            print_error("fcvt %#llx: %#llx/%#x host %#x/%#x\n", (unsigned long long)a,
                        (unsigned long long)r, ctx.flags, fb, fl);
            bad++;
        }
        /* Arm saturates and converts NaN to 0 where x86 gives MIN */
        struct fpa c2 = {(uint32_t)rmode << 22, 0};
        uint64_t s = fpa_to_fixed(&c2, FPA_D, a, 0, false, 64, rmode);
        if (!(ql & FPA_IOC) && (s != (uint64_t)q || (c2.flags & 0x1f) != (ql & 0x1f))) {
            print_error("fcvtzs %#llx: %#llx/%#x host %#llx/%#x\n", (unsigned long long)a,
                        (unsigned long long)s, c2.flags, (unsigned long long)q, ql);
            bad++;
        }
        if ((ql & FPA_IOC) && !(c2.flags & FPA_IOC))
            bad++;
    }
    assert_int_equal(bad, 0);
}

/* ---- Arm rules the host does not share ---- */

#define QNAN_D(p) (0x7ff8000000000000ull | (p))
#define SNAN_D(p) (0x7ff0000000000000ull | (p))
#define ONE_D 0x3ff0000000000000ull
#define MIN_NORMAL_D 0x0010000000000000ull

static void test_arm_nan_rules(void **state)
{
    (void)state;
    struct fpa c = {0, 0};
    /* a signalling NaN wins over a quiet one, whichever comes first */
    assert_int_equal(fpa_add(&c, FPA_D, QNAN_D(1), SNAN_D(2)), QNAN_D(2));
    assert_int_equal(c.flags, FPA_IOC);
    c.flags = 0;
    assert_int_equal(fpa_mul(&c, FPA_D, QNAN_D(1), QNAN_D(2)), QNAN_D(1));
    assert_int_equal(c.flags, 0);
    /* FMA: the addend first; inf*0 with a quiet NaN addend: default NaN, IOC */
    assert_int_equal(fpa_muladd(&c, FPA_D, QNAN_D(3), QNAN_D(1), ONE_D), QNAN_D(3));
    assert_int_equal(fpa_muladd(&c, FPA_D, QNAN_D(3), 0x7ff0000000000000ull, 0),
                     fpa_default_nan(FPA_D));
    assert_int_equal(c.flags, FPA_IOC);
    /* DN: the default NaN for every NaN result */
    c = (struct fpa){FPA_FPCR_DN, 0};
    assert_int_equal(fpa_sub(&c, FPA_D, SNAN_D(5) | 1ull << 63, ONE_D), 0x7ff8000000000000ull);
    assert_int_equal(fpa_default_nan(FPA_S), 0x7fc00000);
    /* FMAXNM: the number beats a quiet NaN, not a signalling one */
    c = (struct fpa){0, 0};
    assert_int_equal(fpa_maxnum(&c, FPA_D, QNAN_D(1), ONE_D), ONE_D);
    assert_int_equal(fpa_maxnum(&c, FPA_D, SNAN_D(1), ONE_D), QNAN_D(1));
    /* FMAX/FMIN of zeros */
    assert_int_equal(fpa_max(&c, FPA_D, 1ull << 63, 0), 0);
    assert_int_equal(fpa_min(&c, FPA_D, 0, 1ull << 63), 1ull << 63);
}

static void test_arm_fz_tininess(void **state)
{
    (void)state;
    /* tininess before rounding: min_normal * (1 - 2^-53) rounds up to the
     * smallest normal, and is tiny (UFC) on Arm */
    struct fpa c = {0, 0};
    assert_int_equal(fpa_mul(&c, FPA_D, MIN_NORMAL_D, 0x3fefffffffffffffull), MIN_NORMAL_D);
    assert_int_equal(c.flags, FPA_UFC | FPA_IXC);
    /* FZ: the same result flushes to zero with UFC alone */
    c = (struct fpa){FPA_FPCR_FZ, 0};
    assert_int_equal(fpa_mul(&c, FPA_D, MIN_NORMAL_D, 0x3fefffffffffffffull), 0);
    assert_int_equal(c.flags, FPA_UFC);
    /* FZ: a denormal input reads as zero and raises IDC */
    c = (struct fpa){FPA_FPCR_FZ, 0};
    assert_int_equal(fpa_add(&c, FPA_D, 1, ONE_D), ONE_D);
    assert_int_equal(c.flags, FPA_IDC);
    /* halves are never flushed (FZ16 is RES0) */
    c = (struct fpa){FPA_FPCR_FZ, 0};
    assert_int_equal(fpa_convert(&c, FPA_H, FPA_S, 0x0001, FPA_RN), 0x33800000);
    assert_int_equal(c.flags, 0);
}

static void test_arm_specials(void **state)
{
    (void)state;
    struct fpa c = {0, 0};
    /* FMULX inf*0 = +-2, FRECPS inf*0 = 2, FRSQRTS inf*0 = 1.5 */
    assert_int_equal(fpa_mulx(&c, FPA_S, 0xff800000, 0), 0xc0000000);
    assert_int_equal(fpa_recps(&c, FPA_S, 0x7f800000, 0), 0x40000000);
    assert_int_equal(fpa_rsqrts(&c, FPA_D, 0, 0x7ff0000000000000ull), 0x3ff8000000000000ull);
    assert_int_equal(c.flags, 0);
    /* estimates (values from the Arm ARM's RecipEstimate / RecipSqrtEstimate) */
    assert_int_equal(fpa_recpe(&c, FPA_S, 0x3f800000), 0x3f7f8000);
    assert_int_equal(fpa_rsqrte(&c, FPA_S, 0x3f800000), 0x3f7f8000);
    assert_int_equal(fpa_rsqrte(&c, FPA_D, 0x4008000000000000ull), 0x3fe2700000000000ull);
    assert_int_equal(fpa_urecpe(0x80000000u), 0xff800000u);
    assert_int_equal(fpa_urecpe(0x7fffffffu), 0xffffffffu);
    assert_int_equal(fpa_recpx(&c, FPA_D, ONE_D), 0x4000000000000000ull); /* exponent inverted */
    /* conversions saturate, NaN -> 0, both with IOC and no IXC */
    c.flags = 0;
    assert_int_equal(fpa_to_fixed(&c, FPA_D, QNAN_D(0), 0, false, 32, FPA_RZ), 0);
    assert_int_equal(fpa_to_fixed(&c, FPA_D, 0x41f0000000000000ull, 0, false, 32, FPA_RZ),
                     0x7fffffff);
    assert_int_equal(fpa_to_fixed(&c, FPA_D, 0xbff8000000000000ull, 0, true, 64, FPA_RZ), 0);
    assert_int_equal(c.flags, FPA_IOC);
    /* -0.5 to unsigned: 0, inexact, not invalid */
    c.flags = 0;
    assert_int_equal(fpa_to_fixed(&c, FPA_D, 0xbfe0000000000000ull, 0, true, 32, FPA_RZ), 0);
    assert_int_equal(c.flags, FPA_IXC);
    /* FCVTAS/FRINTA: ties away from zero */
    assert_int_equal(fpa_to_fixed(&c, FPA_D, 0xc004000000000000ull, 0, false, 64, FPA_RA),
                     (uint64_t)-3);
    assert_int_equal(fpa_round_int(&c, FPA_S, 0x3f000000, FPA_RA, false), 0x3f800000);
    /* FCVTXN: round to odd */
    assert_int_equal(fpa_convert(&c, FPA_D, FPA_S, 0x3ff0000010000000ull, FPA_RO), 0x3f800001);
    /* the alternative half format: 65536 fits, inf and NaN do not */
    c = (struct fpa){FPA_FPCR_AHP, 0};
    assert_int_equal(fpa_convert(&c, FPA_S, FPA_H, 0x47800000, FPA_RN), 0x7c00);
    assert_int_equal(fpa_convert(&c, FPA_S, FPA_H, 0x7f800000, FPA_RN), 0x7fff);
    assert_int_equal(c.flags, FPA_IOC);
}

/* ---- the IR pieces scalar single precision relies on ---- */

static void test_ir_single_forwarding(void **state)
{
    (void)state;
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    const int32_t v0 = CPU_VREG(0, 0);
    ir_ref d = gen_get(&b, IR_F64, CPU_VREG(1, 0));
    gen_set(&b, IR_F64, v0, d);
    ir_ref s = gen_get(&b, IR_F32, v0);         /* low half of the known F64 */
    ir_ref w = gen_get(&b, IR_I32, v0);         /* int view of it */
    gen_set(&b, IR_F64, CPU_VREG(2, 0), gen_bitcast(&b, IR_F64, s));
    gen_set(&b, IR_I64, CPU_GPR(0), w);
    gen_goto(&b, 0x2000);
    opt_forward_state(&b);
    assert_int_equal(b.ops[2].opc, IR_bitcast);
    assert_int_equal(b.ops[2].arg[0], d);
    assert_int_equal(b.ops[3].opc, IR_bitcast);
    assert_int_equal(b.ops[3].arg[0], d);
    ir_block_free(&b);

    /* bitcast round trips: F32 -> F64 -> F32 is the value, F64 -> F32 -> F64
     * loses the high half */
    ir_block_init(&b, 0x1000);
    ir_ref f = gen_get(&b, IR_F32, v0);
    ir_ref w1 = gen_bitcast(&b, IR_F32, gen_bitcast(&b, IR_F64, f));
    ir_ref g = gen_get(&b, IR_F64, CPU_VREG(1, 0));
    ir_ref w2 = gen_bitcast(&b, IR_F64, gen_bitcast(&b, IR_F32, g));
    gen_set(&b, IR_F32, v0, w1);
    gen_set(&b, IR_F64, CPU_VREG(1, 0), w2);
    gen_goto(&b, 0x2000);
    opt_fold(&b);
    int sets = 0;
    for (int i = 0; i < b.nops; i++)
        if (b.ops[i].opc == IR_set) {
            if (sets++ == 0)
                assert_int_equal(b.ops[i].arg[0], f);
            else
                assert_int_not_equal(b.ops[i].arg[0], g);
        }
    ir_block_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_feature),
        cmocka_unit_test(test_arith_vs_host),
        cmocka_unit_test(test_convert_vs_host),
        cmocka_unit_test(test_arm_nan_rules),
        cmocka_unit_test(test_arm_fz_tininess),
        cmocka_unit_test(test_arm_specials),
        cmocka_unit_test(test_ir_single_forwarding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
