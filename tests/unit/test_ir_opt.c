/* test_ir_opt.c — integer semantics (ir_eval_int / ir_eval_cond) and the IR
 * passes (opt_fold, opt_forward_state, opt_dce, ir_optimize); opt_cse, the
 * newer folds and opt_sink: test_ir_passes.c.
 *
 * ir_eval_int is checked against a reference written here from the op
 * descriptions in ir_ops.def (native 32-bit arithmetic for I32, bit loops
 * for clz/ctz/popcnt/bswap). The passes are checked structurally on small
 * hand-built blocks (removed ops have opc == IR_NUM_OPS) and semantically:
 * a small IR interpreter runs random blocks before and after ir_optimize and
 * the guest state, memory, helper calls and exit must be the same.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/ir.h"
#include "runner/cpu.h"
#include "tests/unit/ir_testlib.h"

/* ---- reference semantics ---- */


static int ref_clz(uint64_t v, int bits)
{
    int n = 0;
    for (int i = bits - 1; i >= 0 && !((v >> i) & 1); i--)
        n++;
    return n;
}
static int ref_ctz(uint64_t v, int bits)
{
    int n = 0;
    for (int i = 0; i < bits && !((v >> i) & 1); i++)
        n++;
    return n;
}
static int ref_pop(uint64_t v, int bits)
{
    int n = 0;
    for (int i = 0; i < bits; i++)
        n += (v >> i) & 1;
    return n;
}
static uint64_t ref_bswap(uint64_t v, int bytes)
{
    uint64_t r = 0;
    for (int i = 0; i < bytes; i++)
        r |= ((v >> (8 * i)) & 0xff) << (8 * (bytes - 1 - i));
    return r;
}

/* high 64 bits of a 128-bit product, by 32-bit limbs (no __int128) */
static uint64_t ref_mulhu(uint64_t a, uint64_t b)
{
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}
static uint64_t ref_mulh(uint64_t a, uint64_t b)
{
    uint64_t h = ref_mulhu(a, b);
    if ((int64_t)a < 0) h -= b;
    if ((int64_t)b < 0) h -= a;
    return h;
}
static uint64_t ref_mulhsu(uint64_t a, uint64_t b)
{
    uint64_t h = ref_mulhu(a, b);
    if ((int64_t)a < 0) h -= b;
    return h;
}

static bool ref_cond32(int cond, uint32_t a, uint32_t c)
{
    int32_t sa = (int32_t)a, sc = (int32_t)c;
    switch (cond) {
    case IR_EQ: return a == c;
    case IR_NE: return a != c;
    case IR_LT: return sa < sc;
    case IR_GE: return sa >= sc;
    case IR_LTU: return a < c;
    case IR_GEU: return a >= c;
    case IR_LE: return sa <= sc;
    case IR_GT: return sa > sc;
    case IR_LEU: return a <= c;
    case IR_GTU: return a > c;
    case IR_TSTZ: return !(a & c);
    default: return (a & c) != 0;
    }
}
static bool ref_cond64(int cond, uint64_t a, uint64_t c)
{
    int64_t sa = (int64_t)a, sc = (int64_t)c;
    switch (cond) {
    case IR_EQ: return a == c;
    case IR_NE: return a != c;
    case IR_LT: return sa < sc;
    case IR_GE: return sa >= sc;
    case IR_LTU: return a < c;
    case IR_GEU: return a >= c;
    case IR_LE: return sa <= sc;
    case IR_GT: return sa > sc;
    case IR_LEU: return a <= c;
    case IR_GTU: return a > c;
    case IR_TSTZ: return !(a & c);
    default: return (a & c) != 0;
    }
}

/* the op descriptions of ir_ops.def, spelled out; false = not foldable */
static bool ref32(enum ir_opc opc, int cond, uint32_t a, uint32_t c, uint64_t x, uint64_t y,
                  uint64_t *out)
{
    int32_t sa = (int32_t)a, sc = (int32_t)c;
    uint32_t r;
    unsigned s = c & 31;
    switch (opc) {
    case IR_mov: r = a; break;
    case IR_add: r = a + c; break;
    case IR_sub: r = a - c; break;
    case IR_mul: r = a * c; break;
    case IR_div: r = c == 0 ? 0xffffffffu : (sa == INT32_MIN && sc == -1) ? (uint32_t)INT32_MIN
                                                                          : (uint32_t)(sa / sc);
        break;
    case IR_divu: r = c == 0 ? 0xffffffffu : a / c; break;
    case IR_rem: r = c == 0 ? a : (sa == INT32_MIN && sc == -1) ? 0 : (uint32_t)(sa % sc); break;
    case IR_remu: r = c == 0 ? a : a % c; break;
    case IR_and: r = a & c; break;
    case IR_or: r = a | c; break;
    case IR_xor: r = a ^ c; break;
    case IR_andn: r = a & ~c; break;
    case IR_orn: r = a | ~c; break;
    case IR_xnor: r = ~(a ^ c); break;
    case IR_shl: r = a << s; break;
    case IR_shr: r = a >> s; break;
    case IR_sar: r = (uint32_t)(sa >> s); break;
    case IR_rotl: r = s ? a << s | a >> (32 - s) : a; break;
    case IR_rotr: r = s ? a >> s | a << (32 - s) : a; break;
    case IR_neg: r = 0u - a; break;
    case IR_not: r = ~a; break;
    case IR_clz: r = (uint32_t)ref_clz(a, 32); break;
    case IR_ctz: r = (uint32_t)ref_ctz(a, 32); break;
    case IR_popcnt: r = (uint32_t)ref_pop(a, 32); break;
    case IR_bswap: r = (uint32_t)ref_bswap(a, 4); break;
    case IR_setcond: r = ref_cond32(cond, a, c); break;
    case IR_select: /* the type is the compare width; the values move whole */
        *out = ref_cond32(cond, a, c) ? x : y;
        return true;
    default: return false;
    }
    *out = r; /* I32 results are zero-extended */
    return true;
}

static bool ref64(enum ir_opc opc, int cond, uint64_t a, uint64_t c, uint64_t x, uint64_t y,
                  uint64_t *out)
{
    int64_t sa = (int64_t)a, sc = (int64_t)c;
    uint64_t r;
    unsigned s = c & 63;
    switch (opc) {
    case IR_mov: r = a; break;
    case IR_add: r = a + c; break;
    case IR_sub: r = a - c; break;
    case IR_mul: r = a * c; break;
    case IR_mulh: r = ref_mulh(a, c); break;
    case IR_mulhu: r = ref_mulhu(a, c); break;
    case IR_mulhsu: r = ref_mulhsu(a, c); break;
    case IR_div: r = c == 0 ? ~0ull : (sa == INT64_MIN && sc == -1) ? (uint64_t)INT64_MIN
                                                                   : (uint64_t)(sa / sc);
        break;
    case IR_divu: r = c == 0 ? ~0ull : a / c; break;
    case IR_rem: r = c == 0 ? a : (sa == INT64_MIN && sc == -1) ? 0 : (uint64_t)(sa % sc); break;
    case IR_remu: r = c == 0 ? a : a % c; break;
    case IR_and: r = a & c; break;
    case IR_or: r = a | c; break;
    case IR_xor: r = a ^ c; break;
    case IR_andn: r = a & ~c; break;
    case IR_orn: r = a | ~c; break;
    case IR_xnor: r = ~(a ^ c); break;
    case IR_shl: r = a << s; break;
    case IR_shr: r = a >> s; break;
    case IR_sar: r = (uint64_t)(sa >> s); break;
    case IR_rotl: r = s ? a << s | a >> (64 - s) : a; break;
    case IR_rotr: r = s ? a >> s | a << (64 - s) : a; break;
    case IR_neg: r = 0 - a; break;
    case IR_not: r = ~a; break;
    case IR_clz: r = (uint64_t)ref_clz(a, 64); break;
    case IR_ctz: r = (uint64_t)ref_ctz(a, 64); break;
    case IR_popcnt: r = (uint64_t)ref_pop(a, 64); break;
    case IR_bswap: r = ref_bswap(a, 8); break;
    case IR_setcond: r = ref_cond64(cond, a, c); break;
    case IR_select: r = ref_cond64(cond, a, c) ? x : y; break;
    default: return false;
    }
    *out = r;
    return true;
}

/* sext/zext take their bits from arg0 and give an I64 result whatever the type */
static bool ref_ext(enum ir_opc opc, uint64_t a, uint64_t *out)
{
    switch (opc) {
    case IR_sext8: *out = (uint64_t)(int64_t)(int8_t)a; return true;
    case IR_sext16: *out = (uint64_t)(int64_t)(int16_t)a; return true;
    case IR_sext32: *out = (uint64_t)(int64_t)(int32_t)a; return true;
    case IR_zext8: *out = a & 0xff; return true;
    case IR_zext16: *out = a & 0xffff; return true;
    case IR_zext32: *out = a & 0xffffffff; return true;
    default: return false;
    }
}

static const enum ir_opc int_ops[] = {
    IR_add, IR_sub, IR_mul, IR_mulh, IR_mulhu, IR_mulhsu, IR_div, IR_divu, IR_rem, IR_remu,
    IR_and, IR_or, IR_xor, IR_andn, IR_orn, IR_xnor, IR_shl, IR_shr, IR_sar, IR_rotl, IR_rotr,
    IR_neg, IR_not, IR_clz, IR_ctz, IR_popcnt, IR_bswap, IR_mov};
#define NINT_OPS (sizeof(int_ops) / sizeof(int_ops[0]))

/* ---- ir_eval_int / ir_eval_cond ---- */

static void test_eval_int_all_ops(void **state)
{
    (void)state;
    int bad = 0;
    for (unsigned k = 0; k < NINT_OPS; k++)
        for (int ty = IR_I32; ty <= IR_I64; ty++)
            for (unsigned i = 0; i < NVALS; i++)
                for (unsigned j = 0; j < NVALS; j++) {
                    enum ir_opc opc = int_ops[k];
                    uint64_t a = vals[i], c = vals[j], got = 0xdead, exp = 0;
                    bool ok = ir_eval_int(opc, ty, 0, a, c, 0, 0, &got);
                    bool eok = ty == IR_I32 ? ref32(opc, 0, (uint32_t)a, (uint32_t)c, 0, 0, &exp)
                                            : ref64(opc, 0, a, c, 0, 0, &exp);
                    if (ok != eok || (ok && got != exp)) {
                        if (++bad <= 20)
                            print_error("%s.%s(%#" PRIx64 ", %#" PRIx64 "): got %s%#" PRIx64
                                        " expected %s%#" PRIx64 "\n",
                                        ir_opdefs[opc].name, ty == IR_I32 ? "i32" : "i64", a, c,
                                        ok ? "" : "(not folded) ", got, eok ? "" : "(not folded) ",
                                        exp);
                    }
                }
    assert_int_equal(bad, 0);
}

static void test_eval_int_edge_cases(void **state)
{
    (void)state;
    uint64_t r;
    /* RISC-V division by zero and overflow, I64 */
    assert_true(ir_eval_int(IR_div, IR_I64, 0, 42, 0, 0, 0, &r)); assert_int_equal(r, ~0ull);
    assert_true(ir_eval_int(IR_div, IR_I64, 0, (uint64_t)-42, 0, 0, 0, &r)); assert_int_equal(r, ~0ull);
    assert_true(ir_eval_int(IR_divu, IR_I64, 0, 42, 0, 0, 0, &r)); assert_int_equal(r, ~0ull);
    assert_true(ir_eval_int(IR_rem, IR_I64, 0, (uint64_t)-42, 0, 0, 0, &r)); assert_int_equal(r, (uint64_t)-42);
    assert_true(ir_eval_int(IR_remu, IR_I64, 0, 42, 0, 0, 0, &r)); assert_int_equal(r, 42);
    assert_true(ir_eval_int(IR_div, IR_I64, 0, (uint64_t)INT64_MIN, (uint64_t)-1, 0, 0, &r));
    assert_int_equal(r, (uint64_t)INT64_MIN);
    assert_true(ir_eval_int(IR_rem, IR_I64, 0, (uint64_t)INT64_MIN, (uint64_t)-1, 0, 0, &r));
    assert_int_equal(r, 0);
    assert_true(ir_eval_int(IR_div, IR_I64, 0, (uint64_t)-7, 2, 0, 0, &r)); assert_int_equal(r, (uint64_t)-3);
    assert_true(ir_eval_int(IR_rem, IR_I64, 0, (uint64_t)-7, 2, 0, 0, &r)); assert_int_equal(r, (uint64_t)-1);
    /* the same at I32, results zero-extended; high input bits are ignored */
    assert_true(ir_eval_int(IR_div, IR_I32, 0, 42, 0xffffffff00000000ull, 0, 0, &r));
    assert_int_equal(r, 0xffffffffull);
    assert_true(ir_eval_int(IR_divu, IR_I32, 0, 42, 0, 0, 0, &r)); assert_int_equal(r, 0xffffffffull);
    assert_true(ir_eval_int(IR_rem, IR_I32, 0, 0xabcdef00fffffff9ull, 0, 0, 0, &r));
    assert_int_equal(r, 0xfffffff9ull);
    assert_true(ir_eval_int(IR_remu, IR_I32, 0, 0x1234567800000042ull, 0, 0, 0, &r));
    assert_int_equal(r, 0x42);
    assert_true(ir_eval_int(IR_div, IR_I32, 0, 0x80000000, 0xffffffff, 0, 0, &r));
    assert_int_equal(r, 0x80000000ull);
    assert_true(ir_eval_int(IR_rem, IR_I32, 0, 0x80000000, 0xffffffff, 0, 0, &r));
    assert_int_equal(r, 0);
    assert_true(ir_eval_int(IR_div, IR_I32, 0, (uint32_t)-7, 2, 0, 0, &r)); assert_int_equal(r, 0xfffffffdull);
    /* shift counts are taken modulo the width */
    assert_true(ir_eval_int(IR_shl, IR_I64, 0, 1, 64, 0, 0, &r)); assert_int_equal(r, 1);
    assert_true(ir_eval_int(IR_shl, IR_I64, 0, 1, 65, 0, 0, &r)); assert_int_equal(r, 2);
    assert_true(ir_eval_int(IR_shl, IR_I32, 0, 1, 32, 0, 0, &r)); assert_int_equal(r, 1);
    assert_true(ir_eval_int(IR_shl, IR_I32, 0, 1, 31, 0, 0, &r)); assert_int_equal(r, 0x80000000ull);
    assert_true(ir_eval_int(IR_shr, IR_I32, 0, 0xffffffff80000000ull, 33, 0, 0, &r));
    assert_int_equal(r, 0x40000000);
    assert_true(ir_eval_int(IR_sar, IR_I32, 0, 0x80000000, 63, 0, 0, &r)); assert_int_equal(r, 0xffffffffull);
    assert_true(ir_eval_int(IR_sar, IR_I64, 0, (uint64_t)INT64_MIN, 127, 0, 0, &r)); assert_int_equal(r, ~0ull);
    /* rotates */
    assert_true(ir_eval_int(IR_rotl, IR_I32, 0, 0x80000001, 1, 0, 0, &r)); assert_int_equal(r, 3);
    assert_true(ir_eval_int(IR_rotr, IR_I32, 0, 0x80000001, 33, 0, 0, &r)); assert_int_equal(r, 0xc0000000ull);
    assert_true(ir_eval_int(IR_rotl, IR_I64, 0, 0x8000000000000001ull, 4, 0, 0, &r)); assert_int_equal(r, 0x18);
    assert_true(ir_eval_int(IR_rotr, IR_I64, 0, 0x18, 68, 0, 0, &r)); assert_int_equal(r, 0x8000000000000001ull);
    assert_true(ir_eval_int(IR_rotl, IR_I64, 0, 0x1234, 0, 0, 0, &r)); assert_int_equal(r, 0x1234);
    /* clz/ctz of 0 is the width; of a value with only garbage above bit 31 at I32 too */
    assert_true(ir_eval_int(IR_clz, IR_I32, 0, 0, 0, 0, 0, &r)); assert_int_equal(r, 32);
    assert_true(ir_eval_int(IR_clz, IR_I64, 0, 0, 0, 0, 0, &r)); assert_int_equal(r, 64);
    assert_true(ir_eval_int(IR_ctz, IR_I32, 0, 0, 0, 0, 0, &r)); assert_int_equal(r, 32);
    assert_true(ir_eval_int(IR_ctz, IR_I64, 0, 0, 0, 0, 0, &r)); assert_int_equal(r, 64);
    assert_true(ir_eval_int(IR_ctz, IR_I32, 0, 0xff00000000ull, 0, 0, 0, &r)); assert_int_equal(r, 32);
    assert_true(ir_eval_int(IR_clz, IR_I32, 0, 0xff00000001ull, 0, 0, 0, &r)); assert_int_equal(r, 31);
    assert_true(ir_eval_int(IR_popcnt, IR_I32, 0, ~0ull, 0, 0, 0, &r)); assert_int_equal(r, 32);
    /* I32 results are zero-extended */
    assert_true(ir_eval_int(IR_sub, IR_I32, 0, 0, 1, 0, 0, &r)); assert_int_equal(r, 0xffffffffull);
    assert_true(ir_eval_int(IR_neg, IR_I32, 0, 1, 0, 0, 0, &r)); assert_int_equal(r, 0xffffffffull);
    assert_true(ir_eval_int(IR_not, IR_I32, 0, 0, 0, 0, 0, &r)); assert_int_equal(r, 0xffffffffull);
    assert_true(ir_eval_int(IR_mul, IR_I32, 0, 0x10000, 0x10000, 0, 0, &r)); assert_int_equal(r, 0);
    assert_true(ir_eval_int(IR_bswap, IR_I32, 0, 0xff12345678ull, 0, 0, 0, &r)); assert_int_equal(r, 0x78563412);
    /* high products exist only at I64 */
    assert_false(ir_eval_int(IR_mulh, IR_I32, 0, 1, 1, 0, 0, &r));
    assert_false(ir_eval_int(IR_mulhu, IR_I32, 0, 1, 1, 0, 0, &r));
    assert_false(ir_eval_int(IR_mulhsu, IR_I32, 0, 1, 1, 0, 0, &r));
    assert_true(ir_eval_int(IR_mulhsu, IR_I64, 0, ~0ull, ~0ull, 0, 0, &r)); assert_int_equal(r, ~0ull);
    assert_true(ir_eval_int(IR_mulhu, IR_I64, 0, ~0ull, ~0ull, 0, 0, &r)); assert_int_equal(r, ~1ull);
    assert_true(ir_eval_int(IR_mulh, IR_I64, 0, (uint64_t)INT64_MIN, (uint64_t)INT64_MIN, 0, 0, &r));
    assert_int_equal(r, 0x4000000000000000ull);
    /* not foldable: state, memory, fp, control */
    static const enum ir_opc nf[] = {IR_get, IR_set, IR_ld, IR_st, IR_atomic, IR_cmpxchg, IR_call,
                                     IR_fadd, IR_fcvt_fi, IR_bitcast, IR_exit_cond, IR_goto_pc};
    for (unsigned i = 0; i < sizeof(nf) / sizeof(nf[0]); i++)
        assert_false(ir_eval_int(nf[i], IR_I64, 0, 1, 2, 0, 0, &r));
}

static void test_eval_ext(void **state)
{
    (void)state;
    static const enum ir_opc ext[] = {IR_sext8, IR_sext16, IR_sext32, IR_zext8, IR_zext16, IR_zext32};
    for (unsigned k = 0; k < 6; k++)
        for (int ty = IR_I32; ty <= IR_I64; ty++)
            for (unsigned i = 0; i < NVALS; i++) {
                uint64_t got, exp;
                assert_true(ref_ext(ext[k], vals[i], &exp));
                assert_true(ir_eval_int(ext[k], ty, 0, vals[i], 0, 0, 0, &got));
                if (got != exp)
                    fail_msg("%s(%#" PRIx64 "): got %#" PRIx64 " expected %#" PRIx64,
                             ir_opdefs[ext[k]].name, vals[i], got, exp);
            }
}

static void test_eval_cond_setcond_select(void **state)
{
    (void)state;
    int bad = 0;
    for (int cond = 0; cond < IR_NUM_CONDS; cond++)
        for (int ty = IR_I32; ty <= IR_I64; ty++)
            for (unsigned i = 0; i < NVALS; i++)
                for (unsigned j = 0; j < NVALS; j++) {
                    uint64_t a = vals[i], c = vals[j];
                    bool exp = ty == IR_I32 ? ref_cond32(cond, (uint32_t)a, (uint32_t)c)
                                            : ref_cond64(cond, a, c);
                    uint64_t sc, sel;
                    bool got = ir_eval_cond(ty, cond, a, c);
                    assert_true(ir_eval_int(IR_setcond, ty, cond, a, c, 0, 0, &sc));
                    assert_true(ir_eval_int(IR_select, ty, cond, a, c, 0x1111, 0x2222, &sel));
                    if (got != exp || sc != (uint64_t)exp || sel != (exp ? 0x1111u : 0x2222u)) {
                        if (++bad <= 20)
                            print_error("cond %d %s (%#" PRIx64 ", %#" PRIx64 "): got %d/%" PRIu64
                                        "/%#" PRIx64 " expected %d\n",
                                        cond, ty == IR_I32 ? "i32" : "i64", a, c, got, sc, sel, exp);
                    }
                }
    assert_int_equal(bad, 0);
}

/* select's type is the width of its compare; the chosen value moves whole
 * (opt_ifconv selects 64-bit guest registers under an I32 compare) */
static void test_eval_select_moves_whole_values(void **state)
{
    (void)state;
    uint64_t r;
    assert_true(ir_eval_int(IR_select, IR_I32, IR_EQ, 0xff00000001ull, 1, 0xffffffff00000005ull, 7, &r));
    assert_int_equal(r, 0xffffffff00000005ull);
    assert_true(ir_eval_int(IR_select, IR_I32, IR_NE, 1, 0x100000001ull, 7, 0x1234567800000009ull, &r));
    assert_int_equal(r, 0x1234567800000009ull);
    assert_true(ir_eval_int(IR_select, IR_I64, IR_EQ, 1, 0x100000001ull, 7, 0xffffffff00000005ull, &r));
    assert_int_equal(r, 0xffffffff00000005ull);
}


/* ---- opt_fold ---- */

static void test_fold_constant_chain(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref t1 = gen_add(b, IR_I64, gen_const(b, 5), gen_const(b, 7));     /* 12 */
    ir_ref t2 = gen_binop(b, IR_mul, IR_I64, t1, gen_const(b, 3));        /* 36 */
    ir_ref t3 = gen_binop(b, IR_sub, IR_I64, t2, gen_const(b, 40));       /* -4 */
    ir_ref t4 = gen_binop(b, IR_shl, IR_I32, t3, gen_const(b, 36));       /* i32: -64 */
    ir_ref t5 = gen_setcond(b, IR_I64, IR_LT, t3, gen_const(b, 0));       /* 1 */
    ir_ref t6 = gen_select(b, IR_I64, IR_GTU, t4, t3, gen_const(b, 100), gen_const(b, 200));
    ir_ref t7 = gen_unop(b, IR_clz, IR_I64, t5);                          /* 63 */
    gen_set(b, IR_I64, G(1), t3);
    gen_set(b, IR_I64, G(2), t4);
    gen_set(b, IR_I64, G(3), t6);
    gen_set(b, IR_I64, G(4), t7);
    gen_goto(b, 0x2000);
    opt_fold(b);
    for (int i = 0; i < 7; i++)
        assert_true(removed(b, i));
    assert_true(is_const(b, b->ops[7].arg[0], -4));
    assert_true(is_const(b, b->ops[8].arg[0], 0xffffffc0)); /* zero-extended */
    assert_true(is_const(b, b->ops[9].arg[0], 200));        /* 0xffffffc0 > -4 is false */
    assert_true(is_const(b, b->ops[10].arg[0], 63));
    assert_int_equal(b->ops[11].opc, IR_goto_pc);
}

static void test_fold_exit_cond_false_removed(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_exit_cond(b, IR_I64, IR_EQ, gen_const(b, 1), gen_const(b, 2), 0x5000);
    gen_exit_cond(b, IR_I32, IR_LTU, gen_const(b, 0x100000005), gen_const(b, 4), 0x6000);
    gen_set(b, IR_I64, G(2), x);
    gen_goto(b, 0x2000);
    opt_fold(b);
    assert_int_equal(b->ops[0].opc, IR_get);
    assert_true(removed(b, 1));
    assert_true(removed(b, 2)); /* 5 <u 4 at I32: false */
    assert_int_equal(b->ops[3].opc, IR_set);
    assert_int_equal(b->ops[4].opc, IR_goto_pc);
    assert_int_equal(b->ops[4].imm, 0x2000);
}

static void test_fold_exit_cond_true_ends_block(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), x);
    ir_ref c = gen_add(b, IR_I64, gen_const(b, 2), gen_const(b, 3));
    gen_exit_cond(b, IR_I64, IR_EQ, c, gen_const(b, 5), 0x5000);
    gen_set(b, IR_I64, G(3), x);
    gen_insn_start(b, 0x1004);
    gen_exit_cond(b, IR_I64, IR_NE, x, gen_const(b, 0), 0x7000);
    gen_goto(b, 0x2000);
    opt_fold(b);
    assert_int_equal(b->ops[0].opc, IR_get);
    assert_int_equal(b->ops[1].opc, IR_set);
    assert_true(removed(b, 2));
    assert_int_equal(b->ops[3].opc, IR_goto_pc);
    assert_int_equal(b->ops[3].imm, 0x5000);
    for (int i = 4; i < b->nops; i++)
        assert_true(removed(b, i));
    /* exactly one live terminator, and it is the last live op */
    int last = -1, nterm = 0;
    for (int i = 0; i < b->nops; i++)
        if (!removed(b, i)) {
            last = i;
            nterm += (ir_opdefs[b->ops[i].opc].flags & OPF_TERM) != 0;
        }
    assert_int_equal(nterm, 1);
    assert_int_equal(last, 3);
}

static void test_fold_non_const_exit_cond_kept(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_exit_cond(b, IR_I64, IR_EQ, x, gen_const(b, 2), 0x5000);
    gen_goto(b, 0x2000);
    opt_fold(b);
    assert_int_equal(b->ops[1].opc, IR_exit_cond);
    assert_int_equal(b->ops[2].opc, IR_goto_pc);
}

static void test_fold_copy_propagation(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    ir_ref m1 = gen_unop(b, IR_mov, IR_I64, x);
    ir_ref m2 = gen_unop(b, IR_mov, IR_I64, m1);
    ir_ref s = gen_add(b, IR_I64, m2, m1);
    gen_set(b, IR_I64, G(2), m2);
    gen_set(b, IR_I64, G(3), s);
    gen_exit_cond(b, IR_I64, IR_EQ, m2, m1, 0x5000);
    gen_goto(b, 0x2000);
    opt_fold(b);
    assert_true(removed(b, 1));
    assert_true(removed(b, 2));
    assert_int_equal(b->ops[3].opc, IR_add);
    assert_int_equal(b->ops[3].arg[0], x);
    assert_int_equal(b->ops[3].arg[1], x);
    assert_int_equal(b->ops[4].arg[0], x);
    assert_int_equal(b->ops[5].arg[0], s);
    assert_int_equal(b->ops[6].arg[0], x);
    assert_int_equal(b->ops[6].arg[1], x);
}

static void test_fold_identities(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    ir_ref a0 = gen_add(b, IR_I64, gen_const(b, 0), x); /* commuted: x */
    ir_ref a1 = gen_binop(b, IR_and, IR_I64, x, gen_const(b, -1)); /* x */
    ir_ref a2 = gen_binop(b, IR_and, IR_I64, x, gen_const(b, 0));  /* 0 */
    ir_ref a3 = gen_binop(b, IR_mul, IR_I64, gen_const(b, 1), x);  /* x */
    ir_ref a4 = gen_binop(b, IR_shl, IR_I64, x, gen_const(b, 64)); /* x */
    ir_ref a5 = gen_add(b, IR_I32, x, gen_const(b, 0));            /* kept: zero-extends */
    ir_ref a6 = gen_binop(b, IR_sub, IR_I64, gen_const(b, 0), x);  /* kept: not commutative */
    ir_ref r[7] = {a0, a1, a2, a3, a4, a5, a6};
    for (int i = 0; i < 7; i++)
        gen_set(b, IR_I64, G(2 + i), r[i]);
    gen_goto(b, 0x2000);
    opt_fold(b);
    for (int i = 1; i <= 5; i++)
        assert_true(removed(b, i));
    assert_int_equal(b->ops[6].opc, IR_add);
    assert_int_equal(b->ops[7].opc, IR_sub);
    assert_int_equal(b->ops[8].arg[0], x);
    assert_int_equal(b->ops[9].arg[0], x);
    assert_true(is_const(b, b->ops[10].arg[0], 0));
    assert_int_equal(b->ops[11].arg[0], x);
    assert_int_equal(b->ops[12].arg[0], x);
    assert_int_equal(b->ops[13].arg[0], a5);
    assert_int_equal(b->ops[14].arg[0], a6);
}

static void test_fold_keeps_side_effects(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref c = gen_const(b, 0x1000);
    ir_ref v = gen_ld(b, MO_64, c, 8);
    gen_st(b, MO_32, c, 0, gen_const(b, 3));
    ir_ref g = gen_get(b, IR_I64, G(1));
    ir_ref f = gen_fbin(b, IR_fadd, IR_F64, gen_fconst(b, IR_F64, 0x3ff0000000000000ull),
                        gen_fconst(b, IR_F64, 0x3ff0000000000000ull), IR_RM_DYN, 0);
    gen_set(b, IR_I64, G(2), gen_add(b, IR_I64, v, g));
    gen_set(b, IR_F64, CPU_FPR(0), f);
    gen_goto(b, 0x2000);
    opt_fold(b);
    assert_int_equal(b->ops[0].opc, IR_ld);
    assert_int_equal(b->ops[1].opc, IR_st);
    assert_int_equal(b->ops[2].opc, IR_get);
    assert_int_equal(b->ops[3].opc, IR_fadd); /* fp is never folded */
    assert_int_equal(b->ops[4].opc, IR_add);
}

/* ---- opt_forward_state ---- */

static void test_state_forward_get_after_set(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    ir_ref y = gen_add(b, IR_I64, x, gen_const(b, 1));
    gen_set(b, IR_I64, G(2), y);
    ir_ref z = gen_get(b, IR_I64, G(2)); /* forwarded from the set */
    ir_ref w = gen_get(b, IR_I64, G(1)); /* forwarded from the get */
    gen_set(b, IR_I64, G(3), gen_add(b, IR_I64, z, w));
    gen_goto(b, 0x2000);
    opt_forward_state(b);
    assert_int_equal(b->ops[3].opc, IR_mov);
    assert_int_equal(b->ops[3].arg[0], y);
    assert_int_equal(b->ops[4].opc, IR_mov);
    assert_int_equal(b->ops[4].arg[0], x);
    /* after the whole pipeline only the first get remains */
    ir_optimize(b);
    assert_int_equal(count_live(b, IR_get), 1);
    int add2 = find_op(b, IR_add, 1);
    assert_true(add2 >= 0);
    assert_int_equal(b->ops[add2].arg[0], y);
    assert_int_equal(b->ops[add2].arg[1], x);
}

static void test_state_no_forward_other_type_or_overlap(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), x);
    gen_get(b, IR_I32, G(2));     /* other type: a real load, observes the set */
    gen_set(b, IR_I64, G(3), x);
    gen_get(b, IR_I32, G(3) + 4); /* overlapping high half */
    gen_set(b, IR_I64, G(2), x);  /* overwrites G(2), but the get above observed it */
    gen_set(b, IR_I64, G(3), x);
    gen_goto(b, 0x2000);
    opt_forward_state(b);
    assert_int_equal(b->ops[2].opc, IR_get);
    assert_int_equal(b->ops[4].opc, IR_get);
    assert_int_equal(b->ops[1].opc, IR_set);
    assert_int_equal(b->ops[3].opc, IR_set);
    assert_int_equal(b->ops[5].opc, IR_set);
    assert_int_equal(b->ops[6].opc, IR_set);
}

static void test_state_dead_set_removed(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), x);
    gen_insn_start(b, 0x1004);
    ir_ref y = gen_add(b, IR_I64, x, gen_const(b, 9));
    gen_set(b, IR_I64, G(2), y);
    gen_set(b, IR_I64, G(4), y);
    gen_set(b, IR_I64, G(4), x);
    gen_set(b, IR_I64, G(4), y);
    gen_goto(b, 0x2000);
    opt_forward_state(b);
    /* a dead set stays as a shadow for the fault map: it stores nothing */
    assert_true(b->ops[1].opc == IR_set && (b->ops[1].cond & IR_SET_SHADOW));
    assert_int_equal(b->ops[4].opc, IR_set);
    assert_true(b->ops[5].cond & IR_SET_SHADOW);
    assert_true(b->ops[6].cond & IR_SET_SHADOW);
    assert_int_equal(b->ops[7].opc, IR_set);
    assert_false(b->ops[7].cond & IR_SET_SHADOW);
    assert_int_equal(b->ops[7].arg[0], y);
}

static void test_state_set_before_exit_kept(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), x);
    gen_exit_cond(b, IR_I64, IR_EQ, x, gen_const(b, 0), 0x5000);
    gen_set(b, IR_I64, G(2), gen_const(b, 7));
    gen_goto(b, 0x2000);
    opt_forward_state(b);
    assert_int_equal(b->ops[1].opc, IR_set); /* the side exit observes it */
    assert_int_equal(b->ops[3].opc, IR_set);
    /* but a get after the exit still knows the value */
    ir_block_reset(b, 0x1000);
    x = gen_get(b, IR_I64, G(1));
    gen_exit_cond(b, IR_I64, IR_EQ, x, gen_const(b, 0), 0x5000);
    ir_ref y = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), y);
    gen_goto(b, 0x2000);
    opt_forward_state(b);
    assert_int_equal(b->ops[2].opc, IR_mov);
}


static void test_state_call_rw_state(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), x);
    gen_call(b, (void *)helper_noop, IR_CALL_RW_STATE, 1, x, 0, 0, 0);
    gen_set(b, IR_I64, G(2), gen_const(b, 5));
    ir_ref y = gen_get(b, IR_I64, G(1)); /* the helper may have changed it */
    gen_set(b, IR_I64, G(3), y);
    gen_goto(b, 0x2000);
    opt_forward_state(b);
    assert_int_equal(b->ops[1].opc, IR_set);
    assert_int_equal(b->ops[2].opc, IR_call);
    assert_int_equal(b->ops[3].opc, IR_set);
    assert_int_equal(b->ops[4].opc, IR_get);

    /* a call without RW_STATE neither observes nor clobbers guest state */
    ir_block_reset(b, 0x1000);
    x = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), x);
    gen_call(b, (void *)helper_noop, 0, 1, x, 0, 0, 0);
    gen_set(b, IR_I64, G(2), gen_const(b, 5));
    y = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(3), y);
    gen_goto(b, 0x2000);
    opt_forward_state(b);
    /* a dead set stays as a shadow for the fault map: it stores nothing */
    assert_true(b->ops[1].opc == IR_set && (b->ops[1].cond & IR_SET_SHADOW));
    assert_int_equal(b->ops[4].opc, IR_mov);
    assert_int_equal(b->ops[4].arg[0], x);
}

static void test_state_untracked_offsets(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    int32_t far = CPU_OFF(scratch[2]);
    if (far < 1024)
        far = 2048; /* any offset past the tracked window */
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), x);
    gen_set(b, IR_I64, far, x);
    ir_ref y = gen_get(b, IR_I64, far); /* never forwarded */
    gen_set(b, IR_I64, G(2), y);
    gen_goto(b, 0x2000);
    opt_forward_state(b);
    assert_int_equal(b->ops[1].opc, IR_set); /* kept: conservatively observed */
    assert_int_equal(b->ops[2].opc, IR_set);
    assert_int_equal(b->ops[3].opc, IR_get);
    assert_int_equal(b->ops[4].opc, IR_set);
}

static void test_state_partial_overwrite_keeps_set(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), x);
    gen_set(b, IR_I32, G(2), gen_const(b, 3)); /* only the low half */
    gen_goto(b, 0x2000);
    opt_forward_state(b);
    assert_int_equal(b->ops[1].opc, IR_set);
    assert_int_equal(b->ops[2].opc, IR_set);
}

/* ---- opt_dce ---- */


static void test_dce(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));                                   /* 0 used */
    ir_ref d1 = gen_add(b, IR_I64, x, gen_const(b, 1));                     /* 1 dead */
    gen_binop(b, IR_mul, IR_I64, d1, x);                                    /* 2 dead */
    gen_get(b, IR_I64, G(5));                                               /* 3 dead */
    gen_ld(b, MO_64, x, 0);                                                 /* 4 kept: may fault */
    gen_st(b, MO_64, x, 8, x);                                              /* 5 kept */
    gen_call(b, (void *)helper_pure, IR_CALL_PURE, 2, x, x, 0, 0);          /* 6 dropped */
    ir_ref p = gen_call(b, (void *)helper_pure, IR_CALL_PURE, 2, x, d1, 0, 0); /* 7 used */
    gen_call(b, (void *)helper_noop, 0, 1, x, 0, 0, 0);                     /* 8 kept */
    gen_call(b, (void *)helper_noop, IR_CALL_RW_STATE, 1, x, 0, 0, 0);      /* 9 kept */
    gen_fence(b);                                                           /* 10 kept */
    gen_unop(b, IR_clz, IR_I64, p);                                         /* 11 dead */
    gen_fcmp(b, IR_F64, IR_FEQ, gen_fconst(b, IR_F64, 0), gen_fconst(b, IR_F64, 0)); /* 12 dead */
    gen_atomic(b, IR_AMO_ADD, MO_64, x, x);                                 /* 13 kept */
    gen_set(b, IR_I64, G(2), p);                                            /* 14 */
    gen_exit_cond(b, IR_I64, IR_EQ, x, gen_const(b, 0), 0x3000);            /* 15 */
    gen_bitcast(b, IR_F64, x);                                              /* 16 dead */
    gen_unbox32(b, x);                                                      /* 17 dead */
    gen_goto(b, 0x2000);
    opt_dce(b);
    assert_int_equal(b->ops[0].opc, IR_get);
    assert_int_equal(b->ops[1].opc, IR_add); /* used by the kept call 7 */
    assert_true(removed(b, 2));
    assert_true(removed(b, 3));
    assert_int_equal(b->ops[4].opc, IR_ld);
    assert_int_equal(b->ops[5].opc, IR_st);
    assert_true(removed(b, 6));
    assert_int_equal(b->ops[7].opc, IR_call);
    assert_int_equal(b->ops[8].opc, IR_call);
    assert_int_equal(b->ops[9].opc, IR_call);
    assert_int_equal(b->ops[10].opc, IR_fence);
    assert_true(removed(b, 11));
    /* fp compares/arithmetic raise flags: removable only if not marked SIDE */
    assert_int_equal(removed(b, 12), !(ir_opdefs[IR_fcmp].flags & OPF_SIDE));
    assert_int_equal(b->ops[13].opc, IR_atomic);
    assert_int_equal(b->ops[14].opc, IR_set);
    assert_int_equal(b->ops[15].opc, IR_exit_cond);
    assert_true(removed(b, 16));
    assert_true(removed(b, 17));
    assert_int_equal(b->ops[18].opc, IR_goto_pc);
}


/* a random block of integer ops over guest registers 1..7, memory and helper
 * calls, with side exits. Sets are I64 only; gets are I64 or I32 (also the
 * high half), so the forwarding rules for mixed types are exercised. */
static void random_block(struct ir_block *b)
{
    static const enum ir_opc bin[] = {IR_add, IR_sub, IR_mul, IR_mulh, IR_mulhu, IR_mulhsu,
                                      IR_div, IR_divu, IR_rem, IR_remu, IR_and, IR_or, IR_xor,
                                      IR_andn, IR_orn, IR_xnor, IR_shl, IR_shr, IR_sar, IR_rotl,
                                      IR_rotr};
    static const enum ir_opc un[] = {IR_neg, IR_not, IR_clz, IR_ctz, IR_popcnt, IR_bswap,
                                     IR_sext8, IR_sext16, IR_sext32, IR_zext8, IR_zext16, IR_zext32};
    ir_ref pool[256];
    int np = 0;
    pool[np++] = gen_const(b, (int64_t)vals[rnd() % NVALS]);
    int n = 10 + (int)(rnd() % 60);
    for (int i = 0; i < n && np < 250; i++) {
        int k = (int)(rnd() % 100);
        ir_ref a = pool[rnd() % np], c = pool[rnd() % np];
        if (rnd() % 4 == 0)
            c = gen_const(b, (int64_t)vals[rnd() % NVALS]);
        enum ir_type ty = rnd() & 1 ? IR_I64 : IR_I32;
        if (k < 20) {
            int r = 1 + (int)(rnd() % 7);
            int kind = (int)(rnd() % 3);
            pool[np++] = kind == 0   ? gen_get(b, IR_I64, G(r))
                         : kind == 1 ? gen_get(b, IR_I32, G(r))
                                     : gen_get(b, IR_I32, G(r) + 4);
        } else if (k < 35) {
            gen_set(b, IR_I64, G(1 + (int)(rnd() % 7)), a);
        } else if (k < 60) {
            enum ir_opc opc = bin[rnd() % (sizeof(bin) / sizeof(bin[0]))];
            if (opc == IR_mulh || opc == IR_mulhu || opc == IR_mulhsu)
                ty = IR_I64;
            pool[np++] = gen_binop(b, opc, ty, a, c);
        } else if (k < 68) {
            pool[np++] = gen_unop(b, un[rnd() % (sizeof(un) / sizeof(un[0]))], ty, a);
        } else if (k < 74) {
            int cond = (int)(rnd() % IR_NUM_CONDS);
            ir_ref x = pool[rnd() % np];
            ir_ref r = rnd() & 1 ? gen_setcond(b, ty, cond, a, c)
                                 : gen_select(b, IR_I64, cond, a, c, x, c);
            pool[np++] = r;
        } else if (k < 80) {
            gen_exit_cond(b, ty, (int)(rnd() % IR_NUM_CONDS), a, c, 0x4000 + 4 * (uint64_t)i);
        } else if (k < 84) {
            gen_insn_start(b, 0x1000 + 4 * (uint64_t)i);
        } else if (k < 88) {
            ir_ref base = gen_const(b, (int64_t)(uintptr_t)mem_area);
            pool[np++] = gen_ld(b, (unsigned)(rnd() % 8), base, (int32_t)(8 * (rnd() % 15)));
        } else if (k < 91) {
            ir_ref base = gen_const(b, (int64_t)(uintptr_t)mem_area);
            gen_st(b, (unsigned)(rnd() % 4), base, (int32_t)(8 * (rnd() % 15)), a);
        } else if (k < 95) {
            pool[np++] = gen_call(b, (void *)helper_rw, IR_CALL_RW_STATE, 2, a, c, 0, 0);
        } else if (k < 97) {
            pool[np++] = gen_call(b, (void *)helper_plain, 0, 1, a, 0, 0, 0);
        } else {
            pool[np++] = gen_call(b, (void *)helper_pure, IR_CALL_PURE, 2, a, c, 0, 0);
        }
    }
    switch (rnd() % 3) {
    case 0: gen_goto(b, 0x2000); break;
    case 1: gen_exit(b, EXIT_LOOKUP, 0x3000); break;
    default: gen_goto_ind(b, pool[rnd() % np], IR_JMP_PLAIN); break;
    }
}

static void test_optimize_preserves_semantics(void **state)
{
    (void)state;
    struct cpu *c1 = calloc(1, sizeof(struct cpu)), *c2 = calloc(1, sizeof(struct cpu));
    assert_non_null(c1);
    assert_non_null(c2);
    uint64_t mem0[16], mem1[16];
    uint64_t log1[64][3];
    int fails = 0;
    for (int iter = 0; iter < 3000; iter++) {
        struct ir_block orig, opt;
        ir_block_init(&orig, 0x1000);
        random_block(&orig);
        clone_block(&opt, &orig);
        ir_optimize(&opt);
        /* the optimized block is still well formed: one terminator, last */
        int last = -1, nterm = 0;
        for (int i = 0; i < opt.nops; i++)
            if (opt.ops[i].opc < IR_NUM_OPS) {
                last = i;
                nterm += (ir_opdefs[opt.ops[i].opc].flags & OPF_TERM) != 0;
            }
        assert_int_equal(nterm, 1);
        assert_true(ir_opdefs[opt.ops[last].opc].flags & OPF_TERM);

        for (int k = 0; k < 32; k++)
            c1->gpr[k] = k < 8 ? vals[rnd() % NVALS] ^ (rnd() & 0xff) : rnd();
        for (int k = 0; k < 16; k++)
            mem0[k] = rnd();
        memcpy(c2, c1, sizeof(*c1));
        memcpy(mem_area, mem0, sizeof(mem0));
        ncalls = 0;
        struct interp_result r1 = interp(&orig, c1);
        int ncalls1 = ncalls;
        memcpy(log1, call_log, sizeof(log1));
        memcpy(mem1, mem_area, sizeof(mem1));
        memcpy(mem_area, mem0, sizeof(mem0));
        ncalls = 0;
        struct interp_result r2 = interp(&opt, c2);
        bool same = r1.pc == r2.pc && r1.kind == r2.kind && r1.reason == r2.reason &&
                    !memcmp(c1->gpr, c2->gpr, sizeof(c1->gpr)) &&
                    !memcmp(mem1, mem_area, sizeof(mem1)) && ncalls1 == ncalls &&
                    !memcmp(log1, call_log, sizeof(uint64_t) * 3 * (size_t)(ncalls < 64 ? ncalls : 64));
        if (!same && ++fails <= 3) {
            print_error("iteration %d: optimized block behaves differently (pc %#" PRIx64
                        " vs %#" PRIx64 ")\n",
                        iter, r1.pc, r2.pc);
            for (int k = 0; k < 8; k++)
                if (c1->gpr[k] != c2->gpr[k])
                    print_error("  x%d: %#" PRIx64 " vs %#" PRIx64 "\n", k, c1->gpr[k], c2->gpr[k]);
        }
        ir_block_free(&orig);
        ir_block_free(&opt);
    }
    free(c1);
    free(c2);
    assert_int_equal(fails, 0);
}

/* blocks shaped like a frontend's: one guest insn = get operands, compute, set
 * the result; forward branches over a few insns (opt_ifconv turns the pure
 * ones into selects), loads, stores, helper calls */
static void random_insn_block(struct ir_block *b)
{
    static const enum ir_opc bin[] = {IR_add, IR_sub, IR_mul, IR_div, IR_divu, IR_rem, IR_remu,
                                      IR_and, IR_or, IR_xor, IR_andn, IR_shl, IR_shr, IR_sar,
                                      IR_rotl, IR_mulhu};
    static const enum ir_opc un[] = {IR_neg, IR_not, IR_clz, IR_ctz, IR_popcnt, IR_sext8, IR_zext16};
    int n = 3 + (int)(rnd() % 24);
    for (int k = 0; k < n; k++) {
        gen_insn_start(b, 0x1000 + 4 * (uint64_t)k);
        int kind = (int)(rnd() % 100);
        int r1 = 1 + (int)(rnd() % 7), r2 = 1 + (int)(rnd() % 7), rd = 1 + (int)(rnd() % 7);
        enum ir_type ty = rnd() & 1 ? IR_I64 : IR_I32;
        ir_ref a = gen_get(b, IR_I64, G(r1));
        ir_ref c = rnd() % 3 ? gen_get(b, IR_I64, G(r2)) : gen_const(b, (int64_t)vals[rnd() % NVALS]);
        if (kind < 40) {
            enum ir_opc opc = bin[rnd() % (sizeof(bin) / sizeof(bin[0]))];
            if (opc == IR_mulhu)
                ty = IR_I64;
            ir_ref r = gen_binop(b, opc, ty, a, c);
            if (ty == IR_I32 && (rnd() & 1))
                r = gen_unop(b, IR_sext32, IR_I64, r);
            gen_set(b, IR_I64, G(rd), r);
        } else if (kind < 48) {
            gen_set(b, IR_I64, G(rd), gen_unop(b, un[rnd() % (sizeof(un) / sizeof(un[0]))], ty, a));
        } else if (kind < 70) {
            uint64_t target = rnd() % 5 ? 0x1000 + 4 * (uint64_t)(k + 1 + (int)(rnd() % 4))
                                        : 0x4000 + 4 * (uint64_t)k;
            gen_exit_cond(b, ty, (int)(rnd() % IR_NUM_CONDS), a, c, target);
        } else if (kind < 78) {
            int cond = (int)(rnd() % IR_NUM_CONDS);
            ir_ref r = rnd() & 1 ? gen_setcond(b, ty, cond, a, c)
                                 : gen_select(b, ty, cond, a, c, gen_get(b, IR_I64, G(rd)), a);
            gen_set(b, IR_I64, G(rd), r);
        } else if (kind < 84) {
            ir_ref base = gen_const(b, (int64_t)(uintptr_t)mem_area);
            gen_set(b, IR_I64, G(rd), gen_ld(b, (unsigned)(rnd() % 8), base, (int32_t)(8 * (rnd() % 15))));
        } else if (kind < 89) {
            ir_ref base = gen_const(b, (int64_t)(uintptr_t)mem_area);
            gen_st(b, (unsigned)(rnd() % 4), base, (int32_t)(8 * (rnd() % 15)), a);
        } else if (kind < 93) {
            gen_set(b, IR_I64, G(rd), gen_call(b, (void *)helper_rw, IR_CALL_RW_STATE, 2, a, c, 0, 0));
        } else {
            gen_set(b, IR_I64, G(rd), gen_get(b, IR_I32, G(r1) + 4 * (int)(rnd() & 1)));
        }
    }
    gen_goto(b, 0x1000 + 4 * (uint64_t)n);
}

static void test_optimize_insn_blocks_semantics(void **state)
{
    (void)state;
    struct cpu *c1 = calloc(1, sizeof(struct cpu)), *c2 = calloc(1, sizeof(struct cpu));
    assert_non_null(c1);
    assert_non_null(c2);
    uint64_t mem0[16], mem1[16], log1[64][3];
    int fails = 0, converted = 0;
    for (int iter = 0; iter < 4000; iter++) {
        struct ir_block orig, opt;
        ir_block_init(&orig, 0x1000);
        random_insn_block(&orig);
        clone_block(&opt, &orig);
        int before = count_live(&opt, IR_exit_cond);
        ir_optimize(&opt);
        converted += before - count_live(&opt, IR_exit_cond);
        for (int k = 0; k < 32; k++)
            c1->gpr[k] = k < 8 ? vals[rnd() % NVALS] ^ (rnd() & 3) : rnd();
        for (int k = 0; k < 16; k++)
            mem0[k] = rnd();
        memcpy(c2, c1, sizeof(*c1));
        memcpy(mem_area, mem0, sizeof(mem0));
        ncalls = 0;
        struct interp_result r1 = interp2(&orig, &orig, c1);
        int ncalls1 = ncalls;
        memcpy(log1, call_log, sizeof(log1));
        memcpy(mem1, mem_area, sizeof(mem1));
        memcpy(mem_area, mem0, sizeof(mem0));
        ncalls = 0;
        struct interp_result r2 = interp2(&opt, &orig, c2);
        bool same = r1.pc == r2.pc && r1.kind == r2.kind && !memcmp(c1->gpr, c2->gpr, sizeof(c1->gpr)) &&
                    !memcmp(mem1, mem_area, sizeof(mem1)) && ncalls1 == ncalls &&
                    !memcmp(log1, call_log, sizeof(uint64_t) * 3 * (size_t)(ncalls < 64 ? ncalls : 64));
        if (!same && ++fails <= 3) {
            print_error("iteration %d: optimized block behaves differently (pc %#" PRIx64
                        " vs %#" PRIx64 ")\n", iter, r1.pc, r2.pc);
            for (int k = 0; k < 8; k++)
                if (c1->gpr[k] != c2->gpr[k])
                    print_error("  x%d: %#" PRIx64 " vs %#" PRIx64 "\n", k, c1->gpr[k], c2->gpr[k]);
        }
        ir_block_free(&orig);
        ir_block_free(&opt);
    }
    free(c1);
    free(c2);
    assert_int_equal(fails, 0);
    assert_true(converted > 100); /* the if-conversion really ran */
}

/* opt_ifconv: a forward skip over pure code becomes selects */
static void test_ifconv_skip_becomes_select(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    gen_insn_start(b, 0x1000);
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_exit_cond(b, IR_I32, IR_EQ, x, gen_const(b, 0), 0x1008);
    gen_insn_start(b, 0x1004);
    ir_ref y = gen_get(b, IR_I64, G(2));
    gen_set(b, IR_I64, G(2), gen_add(b, IR_I64, y, gen_const(b, 5)));
    gen_insn_start(b, 0x1008);
    gen_set(b, IR_I64, G(3), gen_get(b, IR_I64, G(2)));
    gen_goto(b, 0x100c);
    struct ir_block opt;
    clone_block(&opt, b);
    opt_ifconv(&opt);
    assert_int_equal(count_live(&opt, IR_exit_cond), 0);
    assert_int_equal(count_live(&opt, IR_select), 1);
    int sel = find_op(&opt, IR_select, 0);
    assert_int_equal(opt.ops[sel].type, IR_I32);
    ir_optimize(&opt);
    /* both ways through, with a 64-bit guest value under the 32-bit compare */
    static const uint64_t xs[] = {0, 1, 0x100000000ull, 0xffffffff00000000ull};
    for (unsigned i = 0; i < 4; i++) {
        struct cpu *c1 = calloc(1, sizeof(struct cpu)), *c2 = calloc(1, sizeof(struct cpu));
        c1->gpr[1] = c2->gpr[1] = xs[i];
        c1->gpr[2] = c2->gpr[2] = 0xabcdef0123456789ull;
        struct interp_result r1 = interp2(b, b, c1), r2 = interp2(&opt, b, c2);
        assert_int_equal(r1.pc, 0x100c);
        assert_int_equal(r2.pc, 0x100c);
        uint64_t e = (uint32_t)xs[i] == 0 ? 0xabcdef0123456789ull : 0xabcdef0123456789ull + 5;
        assert_int_equal(c1->gpr[2], e);
        assert_int_equal(c1->gpr[3], e);
        assert_int_equal(c2->gpr[2], e);
        assert_int_equal(c2->gpr[3], e);
        free(c1);
        free(c2);
    }
    ir_block_free(&opt);
    /* not converted: memory access, helper call or FP state in the skipped code */
    for (int what = 0; what < 3; what++) {
        ir_block_reset(b, 0x1000);
        gen_insn_start(b, 0x1000);
        x = gen_get(b, IR_I64, G(1));
        gen_exit_cond(b, IR_I64, IR_EQ, x, gen_const(b, 0), 0x1008);
        gen_insn_start(b, 0x1004);
        if (what == 0)
            gen_set(b, IR_I64, G(2), gen_ld(b, MO_64, x, 0));
        else if (what == 1)
            gen_call(b, (void *)helper_noop, 0, 1, x, 0, 0, 0);
        else
            gen_set(b, IR_F64, CPU_FPR(1), gen_bitcast(b, IR_F64, x));
        gen_insn_start(b, 0x1008);
        gen_goto(b, 0x100c);
        opt_ifconv(b);
        assert_int_equal(count_live(b, IR_exit_cond), 1);
    }
}

/* A get.I32 forwarded from a set.I32 must still read 32 bits: the set stores
 * only the low half of its (64-bit container) value. */
static void test_state_forward_i32_zero_extends(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I32, G(2), x);
    ir_ref y = gen_get(b, IR_I32, G(2));
    gen_set(b, IR_I64, G(3), y);
    gen_goto(b, 0x2000);
    struct ir_block opt;
    clone_block(&opt, b);
    ir_optimize(&opt);
    struct cpu *c1 = calloc(1, sizeof(struct cpu)), *c2 = calloc(1, sizeof(struct cpu));
    c1->gpr[1] = c2->gpr[1] = 0xabcdef0012345678ull;
    interp(b, c1);
    interp(&opt, c2);
    assert_int_equal(c1->gpr[3], 0x12345678);
    uint64_t got = c2->gpr[3];
    free(c1);
    free(c2);
    ir_block_free(&opt);
    assert_int_equal(got, 0x12345678);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eval_int_all_ops),
        cmocka_unit_test(test_eval_int_edge_cases),
        cmocka_unit_test(test_eval_ext),
        cmocka_unit_test(test_eval_cond_setcond_select),
        cmocka_unit_test(test_eval_select_moves_whole_values),
        cmocka_unit_test_setup_teardown(test_fold_constant_chain, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_fold_exit_cond_false_removed, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_fold_exit_cond_true_ends_block, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_fold_non_const_exit_cond_kept, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_fold_copy_propagation, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_fold_identities, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_fold_keeps_side_effects, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_state_forward_get_after_set, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_state_no_forward_other_type_or_overlap, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_state_dead_set_removed, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_state_set_before_exit_kept, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_state_call_rw_state, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_state_untracked_offsets, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_state_partial_overwrite_keeps_set, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_state_forward_i32_zero_extends, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_dce, setup_block, teardown_block),
        cmocka_unit_test(test_optimize_preserves_semantics),
        cmocka_unit_test(test_optimize_insn_blocks_semantics),
        cmocka_unit_test_setup_teardown(test_ifconv_skip_becomes_select, setup_block, teardown_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
