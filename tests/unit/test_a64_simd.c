/* test_a64_simd.c — unit tests of the aarch64 AdvSIMD integer frontend
 * (trans_simd.c and its helpers): which encodings are accepted (every
 * reserved size/Q/opcode combination and the unprovided FP16 immediate must
 * reach no accepting row and leave no IR behind; the FP encodings sharing
 * these groups must be left to the SIMD-FP table), the feature gate, and the
 * sticky FPSR.QC of the saturating helpers. Instruction semantics are checked
 * against qemu by tests/a64/neon_*.S.
 *
 * The word lists were cross-checked with GNU objdump 2.40 (the comments are
 * its disassembly; reserved words are ones it prints as undefined).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "frontends/aarch64/a64_internal.h"
#include "frontends/aarch64/simd_helpers.h"

#define ALL_FEATURES (~0ull)
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* offer insn to the rows as the translator does (all tables, or only the
 * AdvSIMD integer one); true if one accepted it. A refusing row must not
 * have built IR. */
static bool offered(uint32_t insn, uint64_t features, bool simd_only)
{
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    struct a64_ctx s = { .b = &b, .pc = 0x1000, .features = features };
    bool ok = false;
    if (simd_only) {
        for (const struct a64_pattern *p = a64_simd_patterns; p->trans && !ok; p++) {
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

/* one encoding of every mnemonic, plus the aliases and the inline forms */
static const uint32_t valid_words[] = {
    0x5ee0b841, /* abs d1, d2 */
    0x5ee38441, /* add d1, d2, d3 */
    0x5ef1b841, /* addp d1, v2.2d */
    0x0e31b841, /* addv b1, v2.8b */
    0x4e231c41, /* and v1.16b, v2.16b, v3.16b */
    0x4e631c41, /* bic v1.16b, v2.16b, v3.16b */
    0x6ee31c41, /* bif v1.16b, v2.16b, v3.16b */
    0x6ea31c41, /* bit v1.16b, v2.16b, v3.16b */
    0x6e631c41, /* bsl v1.16b, v2.16b, v3.16b */
    0x4e204841, /* cls v1.16b, v2.16b */
    0x6e204841, /* clz v1.16b, v2.16b */
    0x7ee38c41, /* cmeq d1, d2, d3 */
    0x5ee33c41, /* cmge d1, d2, d3 */
    0x5ee08841, /* cmgt d1, d2, #0 */
    0x7ee33441, /* cmhi d1, d2, d3 */
    0x7ee33c41, /* cmhs d1, d2, d3 */
    0x7ee09841, /* cmle d1, d2, #0 */
    0x5ee0a841, /* cmlt d1, d2, #0 */
    0x5ee38c41, /* cmtst d1, d2, d3 */
    0x4e205841, /* cnt v1.16b, v2.16b */
    0x4e010c41, /* dup v1.16b, w2 */
    0x6e231c41, /* eor v1.16b, v2.16b, v3.16b */
    0x6e030841, /* ext v1.16b, v2.16b, v3.16b, #1 */
    0x4e239441, /* mla v1.16b, v2.16b, v3.16b */
    0x6e239441, /* mls v1.16b, v2.16b, v3.16b */
    0x5e1b0441, /* mov b1, v2.b[13] */
    0x2f05e401, /* movi d1, #0xff00ff0000000000 */
    0x4e239c41, /* mul v1.16b, v2.16b, v3.16b */
    0x6e205841, /* mvn v1.16b, v2.16b */
    0x2f00d401, /* mvni v1.2s, #0x0, msl #16 */
    0x7ee0b841, /* neg d1, d2 */
    0x4ee31c41, /* orn v1.16b, v2.16b, v3.16b */
    0x4ea31c41, /* orr v1.16b, v2.16b, v3.16b */
    0x6e239c41, /* pmul v1.16b, v2.16b, v3.16b */
    0x6e605841, /* rbit v1.16b, v2.16b */
    0x4e201841, /* rev16 v1.16b, v2.16b */
    0x6e200841, /* rev32 v1.16b, v2.16b */
    0x4e200841, /* rev64 v1.16b, v2.16b */
    0x4e237c41, /* saba v1.16b, v2.16b, v3.16b */
    0x4e237441, /* sabd v1.16b, v2.16b, v3.16b */
    0x0ea06841, /* sadalp v1.1d, v2.2s */
    0x0ea02841, /* saddlp v1.1d, v2.2s */
    0x4eb03841, /* saddlv d1, v2.4s */
    0x4e230441, /* shadd v1.16b, v2.16b, v3.16b */
    0x2ea13841, /* shll v1.2d, v2.2s, #32 */
    0x6ea13841, /* shll2 v1.2d, v2.4s, #32 */
    0x4e232441, /* shsub v1.16b, v2.16b, v3.16b */
    0x4e236441, /* smax v1.16b, v2.16b, v3.16b */
    0x4e23a441, /* smaxp v1.16b, v2.16b, v3.16b */
    0x4e30a841, /* smaxv b1, v2.16b */
    0x4e236c41, /* smin v1.16b, v2.16b, v3.16b */
    0x4e23ac41, /* sminp v1.16b, v2.16b, v3.16b */
    0x0e31a841, /* sminv b1, v2.8b */
    0x0e112c41, /* smov w1, v2.b[8] */
    0x5e207841, /* sqabs b1, b2 */
    0x5e230c41, /* sqadd b1, b2, b3 */
    0x5e63b441, /* sqdmulh h1, h2, h3 */
    0x7e207841, /* sqneg b1, b2 */
    0x7e63b441, /* sqrdmulh h1, h2, h3 */
    0x5e235c41, /* sqrshl b1, b2, b3 */
    0x5e234c41, /* sqshl b1, b2, b3 */
    0x5e232c41, /* sqsub b1, b2, b3 */
    0x5e214841, /* sqxtn b1, h2 */
    0x4e214841, /* sqxtn2 v1.16b, v2.8h */
    0x7e212841, /* sqxtun b1, h2 */
    0x6e212841, /* sqxtun2 v1.16b, v2.8h */
    0x4e231441, /* srhadd v1.16b, v2.16b, v3.16b */
    0x5ee35441, /* srshl d1, d2, d3 */
    0x5ee34441, /* sshl d1, d2, d3 */
    0x7ee38441, /* sub d1, d2, d3 */
    0x5e203841, /* suqadd b1, b2 */
    0x4e032041, /* tbl v1.16b, {v2.16b, v3.16b}, v3.16b */
    0x4e035041, /* tbx v1.16b, {v2.16b-v4.16b}, v3.16b */
    0x4e032841, /* trn1 v1.16b, v2.16b, v3.16b */
    0x4e036841, /* trn2 v1.16b, v2.16b, v3.16b */
    0x6e237c41, /* uaba v1.16b, v2.16b, v3.16b */
    0x6e237441, /* uabd v1.16b, v2.16b, v3.16b */
    0x2ea06841, /* uadalp v1.1d, v2.2s */
    0x2ea02841, /* uaddlp v1.1d, v2.2s */
    0x6eb03841, /* uaddlv d1, v2.4s */
    0x6e230441, /* uhadd v1.16b, v2.16b, v3.16b */
    0x6e232441, /* uhsub v1.16b, v2.16b, v3.16b */
    0x6e236441, /* umax v1.16b, v2.16b, v3.16b */
    0x6e23a441, /* umaxp v1.16b, v2.16b, v3.16b */
    0x6e30a841, /* umaxv b1, v2.16b */
    0x6e236c41, /* umin v1.16b, v2.16b, v3.16b */
    0x6e23ac41, /* uminp v1.16b, v2.16b, v3.16b */
    0x2e31a841, /* uminv b1, v2.8b */
    0x0e053c41, /* umov w1, v2.b[2] */
    0x7e230c41, /* uqadd b1, b2, b3 */
    0x7e235c41, /* uqrshl b1, b2, b3 */
    0x7e234c41, /* uqshl b1, b2, b3 */
    0x7e232c41, /* uqsub b1, b2, b3 */
    0x7e214841, /* uqxtn b1, h2 */
    0x6e214841, /* uqxtn2 v1.16b, v2.8h */
    0x6e231441, /* urhadd v1.16b, v2.16b, v3.16b */
    0x7ee35441, /* urshl d1, d2, d3 */
    0x7ee34441, /* ushl d1, d2, d3 */
    0x7e203841, /* usqadd b1, b2 */
    0x4e031841, /* uzp1 v1.16b, v2.16b, v3.16b */
    0x4e035841, /* uzp2 v1.16b, v2.16b, v3.16b */
    0x0ea12841, /* xtn v1.2s, v2.2d */
    0x4e212841, /* xtn2 v1.16b, v2.8h */
    0x4e033841, /* zip1 v1.16b, v2.16b, v3.16b */
    0x4e037841, /* zip2 v1.16b, v2.16b, v3.16b */
    0x4e1f1c41, /* mov v1.b[15], w2 */
    0x4e181c41, /* mov v1.d[1], x2 */
    0x6e0c6441, /* mov v1.s[1], v2.s[3] */
    0x4e183c41, /* mov x1, v2.d[1] */
    0x4e1c2c41, /* smov x1, v2.s[3] */
    0x4e1c0441, /* dup v1.4s, v2.s[3] */
    0x4e080c41, /* dup v1.2d, x2 */
    0x6f05e541, /* movi v1.2d, #0xff00ff00ff00ff00 */
    0x4f02e741, /* movi v1.16b, #0x5a */
    0x4f027741, /* orr v1.4s, #0x5a, lsl #24 */
    0x6f02b741, /* bic v1.8h, #0x5a, lsl #8 */
    0x0f03f601, /* fmov v1.2s, #1.0 */
    0x6f04f481, /* fmov v1.2d, #-2.5 */
    0x4ee38441, /* add v1.2d, v2.2d, v3.2d */
    0x4e209841, /* cmeq v1.16b, v2.16b, #0 */
    0x6e233c41, /* cmhs v1.16b, v2.16b, v3.16b */
    0x6ee34441, /* ushl v1.2d, v2.2d, v3.2d */
    0x4ee30c41, /* sqadd v1.2d, v2.2d, v3.2d */
    0x4ee3bc41, /* addp v1.2d, v2.2d, v3.2d */
    0x0e0363c1, /* tbl v1.8b, {v30.16b, v31.16b, v0.16b, v1.16b}, v3.8b */
    0x2e033841, /* ext v1.8b, v2.8b, v3.8b, #7 */
    0x4ea3b441, /* sqdmulh v1.4s, v2.4s, v3.4s */
    0x6ee0b841, /* neg v1.2d, v2.2d */
    0x4ea21c41, /* mov v1.16b, v2.16b */
};

static const uint32_t reserved_words[] = {
    0x4ee30441, /* SHADD size 3 */
    0x0ee30c41, /* SQADD .1D */
    0x4ee39c41, /* MUL size 3 */
    0x2e639c41, /* PMUL size 1 */
    0x4e23b441, /* SQDMULH size 0 */
    0x6ee3b441, /* SQRDMULH size 3 */
    0x0ee3bc41, /* ADDP .1D */
    0x6e23bc41, /* U=1 opcode 10111 */
    0x4ee3a441, /* SMAXP size 3 */
    0x0ee38441, /* ADD .1D */
    0x2ee38c41, /* CMEQ .1D */
    0x0ee33441, /* CMGT .1D */
    0x5e230441, /* scalar SHADD */
    0x5e238441, /* scalar ADD b */
    0x7ea38c41, /* scalar CMEQ s */
    0x5e633441, /* scalar CMGT h */
    0x5e23b441, /* scalar SQDMULH b */
    0x5ee3b441, /* scalar SQDMULH d */
    0x5ea39c41, /* scalar MUL */
    0x5ea34441, /* scalar SSHL s */
    0x5e231c41, /* scalar logic */
    0x5ee3bc41, /* scalar ADDP (three-same form) */
    0x4ee00841, /* REV64 size 3 */
    0x6ea00841, /* REV32 size 2 */
    0x4e601841, /* REV16 size 1 */
    0x4e605841, /* CNT size 1 */
    0x6ea05841, /* NOT/RBIT size 2 */
    0x6ee05841, /* NOT/RBIT size 3 */
    0x4ee12841, /* XTN2 size 3 */
    0x6ee13841, /* SHLL2 size 3 */
    0x0ee0b841, /* ABS .1D */
    0x4ee02841, /* SADDLP size 3 */
    0x6ee04841, /* CLZ size 3 */
    0x4e213841, /* U=0 opcode 10011 */
    0x0ee09841, /* CMEQ #0 .1D */
    0x2ee0b841, /* NEG .1D */
    0x6e20a841, /* U=1 opcode 01010 */
    0x6e201841, /* U=1 opcode 00001 */
    0x5e212841, /* scalar XTN */
    0x5ea0b841, /* scalar ABS s */
    0x5e609841, /* scalar CMEQ #0 h */
    0x7e213841, /* scalar SHLL */
    0x7ea04841, /* scalar CLZ */
    0x5ee14841, /* scalar SQXTN size 3 */
    0x7e20b841, /* scalar NEG b */
    0x0eb1b841, /* ADDV .2S */
    0x4ef1b841, /* ADDV size 3 */
    0x6e31b841, /* U=1 ADDV */
    0x2eb03841, /* UADDLV .2S */
    0x5eb1b841, /* scalar ADDP size 2 */
    0x7ef1b841, /* scalar ADDP U=1 */
    0x4e030841, /* permute opcode 000 */
    0x4e434841, /* permute opcode 100 */
    0x0ec33841, /* ZIP1 .1D */
    0x4e430041, /* TBL op2=01 */
    0x0e837041, /* TBX op2=10 */
    0x2e034041, /* EXT .8B #8 */
    0x2e037841, /* EXT .8B #15 */
    0x6e430041, /* EXT op2=01 */
    0x4e000441, /* DUP imm5=00000 */
    0x4e100441, /* DUP imm5=10000 */
    0x0e080441, /* DUP .1D element */
    0x0e080c41, /* DUP .1D general */
    0x0e011c41, /* INS general Q=0 */
    0x0e042c41, /* SMOV W from S */
    0x4e082c41, /* SMOV X from D */
    0x0e083c41, /* UMOV W from D */
    0x4e013c41, /* UMOV X from B */
    0x2e010441, /* INS element Q=0 */
    0x4e011441, /* copy imm4=0010 */
    0x4e012441, /* copy imm4=0100 */
    0x4e013441, /* copy imm4=0110 */
    0x4e014441, /* copy imm4=1000 */
    0x4e017c41, /* copy imm4=1111 */
    0x4e001c41, /* INS imm5=00000 */
    0x7e010441, /* scalar copy op=1 */
    0x5e010c41, /* scalar copy imm4=0001 */
    0x5e000441, /* scalar DUP imm5=00000 */
    0x5e100441, /* scalar DUP imm5=10000 */
    0x2f02f741, /* FMOV .1D immediate */
    0x4f02ff41, /* FMOV .8H immediate (FP16, not provided) */
    0x0f020f41, /* o2=1 cmode 0000 */
    0x6f02ef41, /* o2=1 op=1 */
};

/* FP ops in the three-same / two-reg misc / modified-immediate groups */
static const uint32_t fp_words[] = {
    0x2e23e441, /* fcmge v1.2s, v2.2s, v3.2s */
    0x4e61b841, /* fcvtms v1.2d, v2.2d */
    0x0e616841, /* fcvtn v1.2s, v2.2d */
    0x6e21a841, /* fcvtnu v1.4s, v2.4s */
    0x6e63f441, /* fmaxp v1.2d, v2.2d, v3.2d */
    0x5e23dc41, /* fmulx s1, s2, s3 */
    0x6ea0f841, /* fneg v1.4s, v2.4s */
    0x2e219841, /* frintx v1.2s, v2.2s */
    0x6ea1d841, /* frsqrte v1.4s, v2.4s */
    0x0e21d841, /* scvtf v1.2s, v2.2s */
    0x6e61d841, /* ucvtf v1.2d, v2.2d */
    0x2ea1c841, /* ursqrte v1.2s, v2.2s */
};

static void test_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(valid_words); i++)
        if (!offered(valid_words[i], ALL_FEATURES, true))
            fail_msg("0x%08x refused", valid_words[i]);
}

static void test_reserved(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(reserved_words); i++)
        if (offered(reserved_words[i], ALL_FEATURES, false))
            fail_msg("0x%08x accepted", reserved_words[i]);
}

static void test_fp_left_alone(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(fp_words); i++)
        if (offered(fp_words[i], ALL_FEATURES, true))
            fail_msg("0x%08x taken by the integer table", fp_words[i]);
}

static void test_feature(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(valid_words); i++)
        if (offered(valid_words[i], ALL_FEATURES & ~A64_F_SIMD, true))
            fail_msg("0x%08x accepted without SIMD", valid_words[i]);
}

/* QC is sticky: a saturating op sets it, a later non-saturating one keeps
 * it, and the other FPSR bits are left alone */
static void test_qc_sticky(void **state)
{
    (void)state;
    struct cpu *cpu = calloc(1, sizeof(*cpu));
    assert_non_null(cpu);
    const uint32_t sqadd_16b = 0x4e230c41; /* sqadd v1.16b, v2.16b, v3.16b */
    cpu->vreg[2][0] = 0x7f;
    cpu->vreg[3][0] = 0x01;
    cpu->fpsr = A64_FPSR_IDC;
    a64_vh_sqadd(cpu, sqadd_16b, 0, 0, 0);
    assert_int_equal(cpu->vreg[1][0], 0x7f);
    assert_int_equal(cpu->vreg[1][1], 0);
    assert_int_equal(cpu->fpsr, A64_FPSR_IDC | A64_FPSR_QC);
    cpu->vreg[3][0] = 0;
    a64_vh_sqadd(cpu, sqadd_16b, 0, 0, 0);
    assert_int_equal(cpu->fpsr, A64_FPSR_IDC | A64_FPSR_QC);
    cpu->fpsr = 0;
    a64_vh_sqadd(cpu, sqadd_16b, 0, 0, 0);
    assert_int_equal(cpu->fpsr, 0);
    free(cpu);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_reserved),
        cmocka_unit_test(test_fp_left_alone),
        cmocka_unit_test(test_feature),
        cmocka_unit_test(test_qc_sticky),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
