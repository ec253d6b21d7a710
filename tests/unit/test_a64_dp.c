/* test_a64_dp.c — unit tests of the aarch64 integer data-processing frontend
 * (trans_dp.c, trans_dp_reg.c) and of flags.c: which encodings are accepted
 * (every reserved or unimplemented-extension encoding must reach no
 * accepting row, and leave no IR behind), the CRC32/CRC32C helper against a
 * bitwise definition, and the condition compares that flag fusion builds.
 * Instruction semantics are checked against qemu by tests/a64/dp_*.S.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "frontends/aarch64/a64_internal.h"

uint64_t a64_helper_crc32(struct cpu *cpu, uint64_t acc, uint64_t val, uint64_t kind, uint64_t u3);

#define ALL_FEATURES (~0ull)

/* offer insn to the rows as the translator does; true if one accepted it.
 * A refusing row must not have built IR. */
static bool accepted(uint32_t insn, uint64_t features)
{
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    struct a64_ctx s = { .b = &b, .pc = 0x1000, .features = features };
    const struct a64_pattern *p;
    int pos = 0;
    bool ok = false;
    while ((p = a64_decode_next(insn, features, &pos))) {
        int before = b.nops;
        if (p->trans(&s, insn)) {
            ok = true;
            break;
        }
        assert_int_equal(b.nops, before);
    }
    ir_block_free(&b);
    return ok;
}

static void test_valid(void **state)
{
    (void)state;
    static const uint32_t words[] = {
        0x8b020020, /* add	x0, x1, x2 */
        0x12001c20, /* and	w0, w1, #0xff */
        0xb27c1c3f, /* orr	sp, x1, #0xff0 */
        0xf200f020, /* ands	x0, x1, #0x5555555555555555 */
        0x937ff820, /* sbfiz	x0, x1, #1, #63 */
        0x531f7820, /* lsl	w0, w1, #1 */
        0xb3430820, /* bfi	x0, x1, #61, #3 */
        0x93c2fc20, /* extr	x0, x1, x2, #63 */
        0x13827c20, /* extr	w0, w1, w2, #31 */
        0x72a00020, /* movk	w0, #0x1, lsl #16 */
        0x0a027c20, /* and	w0, w1, w2, lsl #31 */
        0xeae2fc20, /* bics	x0, x1, x2, ror #63 */
        0x4b827c20, /* sub	w0, w1, w2, asr #31 */
        0xab21d3e0, /* adds	x0, sp, w1, sxtw #4 */
        0x9a020020, /* adc	x0, x1, x2 */
        0x7a020020, /* sbcs	w0, w1, w2 */
        0xfa5ff80f, /* ccmp	x0, #0x1f, #0xf, nv */
        0x3a410000, /* ccmn	w0, w1, #0x0, eq */
        0xda82d420, /* csneg	x0, x1, x2, le */
        0x5ac00020, /* rbit	w0, w1 */
        0xdac00c20, /* rev	x0, x1 */
        0xdac01420, /* cls	x0, x1 */
        0x1ac20820, /* udiv	w0, w1, w2 */
        0x9ac22c20, /* ror	x0, x1, x2 */
        0x9ac24c20, /* crc32x	w0, w1, x2 */
        0x1ac25020, /* crc32cb	w0, w1, w2 */
        0x1b020c20, /* madd	w0, w1, w2, w3 */
        0x9ba28c20, /* umsubl	x0, w1, w2, x3 */
        0x9b427c20, /* smulh	x0, x1, x2 */
    };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (!accepted(words[i], ALL_FEATURES))
            fail_msg("0x%08x refused", words[i]);
    }
}

static void test_reserved(void **state)
{
    (void)state;
    /* objdump 2.40 prints each as undefined, or as an extension (named) the
     * models do not have */
    static const uint32_t words[] = {
        0x12400020, 0x9240fc00, 0x9200f400, 0x9200f800, 0x9200fc00, /* bitmask imm: N in W, all-ones, len < 1 */
        0x91800000, /* addg (MTE) */
        0x73000000, 0x93000000, 0x13400000, 0x13200000, 0x13008000, /* bitfield: opc 3, sf != N, W imm >= 32 */
        0x33800000, 0x13a00000, 0x93800000, 0x13c00000, 0x13808000, /* extr: op21, o0, sf != N, W lsb >= 32 */
        0x32800000, 0x52c00000, /* move wide: opc 1, W hw >= 2 */
        0x0a008000, /* logical reg: W shift >= 32 */
        0x8bc00000, 0x0b008000, /* add/sub reg: ROR, W shift >= 32 */
        0x8b600000, 0x8b201400, /* add/sub ext: opt != 0, shift 5 */
        0xba000400, 0x3a00080d, 0x1a000400, /* rmif, setf8 (FlagM), adc with op3 != 0 */
        0x5a400000, 0x7a400400, 0x7a400010, /* ccmp: S = 0, o2, o3 */
        0x3a800000, 0x1a800800, /* csel: S, op2 = 1x */
        0x3ac00800, 0x1ac00000, 0x9ac03000, 0x9ac01000, 0x9ac00000, /* dp2: S, opcode 0, pacga, irg, subp */
        0x1ac04c00, 0x9ac04000, /* crc32x with sf 0, crc32b with sf 1 */
        0xdac10000, 0x5ac01800, 0x5ac00c00, 0x7ac00000, 0xdac02000, /* dp1: pacia, ctz, W rev64, S, abs */
        0xbb000000, 0x1b200000, 0x9b408000, 0x9b600000, 0x9b800000, 0x9be00000, /* dp3 */
    };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (accepted(words[i], ALL_FEATURES))
            fail_msg("0x%08x accepted", words[i]);
    }
}

static void test_crc_feature(void **state)
{
    (void)state;
    assert_true(accepted(0x9ac24c20, A64_F_CRC32));
    assert_false(accepted(0x9ac24c20, 0));
    assert_false(accepted(0x1ac25020, A64_F_FP | A64_F_SIMD));
}

static uint32_t crc_bitwise(uint32_t crc, uint64_t val, int bytes, uint32_t poly)
{
    for (int i = 0; i < 8 * bytes; i++) {
        uint32_t bit = (crc ^ (uint32_t)(val >> i)) & 1;
        crc = (crc >> 1) ^ (bit ? poly : 0);
    }
    return crc;
}

static void test_crc_helper(void **state)
{
    (void)state;
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 4000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t acc = (i & 1) ? x >> 13 : ~x;
        for (unsigned kind = 0; kind < 8; kind++) {
            uint32_t poly = (kind & 4) ? 0x82f63b78u : 0xedb88320u;
            uint64_t want = crc_bitwise((uint32_t)acc, x, 1 << (kind & 3), poly);
            assert_int_equal(a64_helper_crc32(NULL, acc, x, kind, 0), want);
        }
    }
    /* the standard check values: CRC of "123456789" with pre/post inversion */
    const char *msg = "123456789";
    uint64_t c32 = 0xffffffff, c32c = 0xffffffff;
    for (int i = 0; i < 9; i++) {
        c32 = a64_helper_crc32(NULL, c32, (uint8_t)msg[i], 0, 0);
        c32c = a64_helper_crc32(NULL, c32c, (uint8_t)msg[i], 4, 0);
    }
    assert_int_equal(c32 ^ 0xffffffff, 0xcbf43926);
    assert_int_equal(c32c ^ 0xffffffff, 0xe3069283);
}

/* the compare a condition becomes right after a flag setter */
static struct a64_cmp cond_after(struct a64_ctx *s, int setter, int64_t k, unsigned cond)
{
    gen_insn_start(s->b, s->pc);
    ir_ref a = gen_get(s->b, IR_I64, CPU_GPR(1));
    ir_ref b = k == INT64_MIN ? gen_get(s->b, IR_I64, CPU_GPR(2)) : gen_const(s->b, k);
    if (setter == 0)
        a64_flags_sub(s, IR_I64, a, b);
    else if (setter == 1)
        a64_flags_add(s, IR_I64, a, b);
    else
        a64_flags_logic(s, IR_I64, gen_and(s->b, IR_I64, a, b));
    return a64_gen_cond(s, cond);
}

static bool is_get_of(struct ir_block *b, ir_ref t, int reg)
{
    for (int i = 0; i < b->nops; i++)
        if (b->ops[i].dst == t)
            return b->ops[i].opc == IR_get && b->ops[i].imm == CPU_GPR(reg);
    return false;
}

static void test_fusion(void **state)
{
    (void)state;
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    struct a64_ctx s = { .b = &b, .pc = 0x1000 };

    /* cmp x1, x2; b.lt -> x1 <s x2 on the operands */
    struct a64_cmp c = cond_after(&s, 0, INT64_MIN, 11);
    assert_int_equal(c.cond, IR_LT);
    assert_true(is_get_of(&b, c.a, 1) && is_get_of(&b, c.b, 2));
    /* cmp x1, x2; b.hi -> x1 >u x2 */
    c = cond_after(&s, 0, INT64_MIN, 8);
    assert_int_equal(c.cond, IR_GTU);
    /* cmn x1, #5 is cmp x1, #-5: b.ge -> x1 >=s -5 */
    c = cond_after(&s, 1, 5, 10);
    assert_int_equal(c.cond, IR_GE);
    assert_true(b.temps[c.b].is_const && b.temps[c.b].val == -5);
    /* cmn x1, x2; b.cs -> (x1 + x2) <u x1 */
    c = cond_after(&s, 1, INT64_MIN, 2);
    assert_int_equal(c.cond, IR_LTU);
    assert_true(is_get_of(&b, c.b, 1));
    /* tst: b.hi never, b.ls always (folded to constants) */
    c = cond_after(&s, 2, INT64_MIN, 8);
    assert_true(b.temps[c.a].is_const && b.temps[c.b].is_const);
    assert_false(ir_eval_cond(c.ty, c.cond, (uint64_t)b.temps[c.a].val, (uint64_t)b.temps[c.b].val));
    c = cond_after(&s, 2, INT64_MIN, 9);
    assert_true(ir_eval_cond(c.ty, c.cond, (uint64_t)b.temps[c.a].val, (uint64_t)b.temps[c.b].val));
    /* after an unknown producer the stored flags are read */
    a64_flags_clobbered(&s);
    c = a64_gen_cond(&s, 0);
    assert_int_equal(c.cond, IR_EQ);

    /* cmp x1, x2; b.eq 1f; cmp x1, #5; 1: b.lt -- the exit may be if-converted
     * into a merge at 1:, so the second compare's operands must not be used */
    s.pc = 0x2000;
    cond_after(&s, 0, INT64_MIN, 0);
    gen_exit_cond(&b, IR_I64, IR_EQ, gen_get(&b, IR_I64, CPU_GPR(3)), gen_const(&b, 0), 0x2008);
    s.pc = 0x2004;
    c = cond_after(&s, 0, 5, 11);
    assert_true(is_get_of(&b, c.a, 1) && b.temps[c.b].is_const);  /* fused at the setter's insn */
    s.pc = 0x2008;
    c = a64_gen_cond(&s, 11);
    assert_false(b.temps[c.b].is_const && b.temps[c.b].val == 5);
    ir_block_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_reserved),
        cmocka_unit_test(test_crc_feature),
        cmocka_unit_test(test_crc_helper),
        cmocka_unit_test(test_fusion),
    };
    return cmocka_run_group_tests_name("a64_dp", tests, NULL, NULL);
}
