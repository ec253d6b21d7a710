/* test_ir_passes.c — opt_cse, the rotate and select folds of opt_fold, and
 * opt_sink: structurally on small blocks, and semantically with the IR
 * interpreter of ir_testlib.h (for opt_sink: random loops run to their end,
 * re-entered while they branch back to their start, before and after).
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

/* ---- opt_cse and the rotate idiom ---- */

static void test_cse(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1)), y = gen_get(b, IR_I64, G(2));
    ir_ref s1 = gen_binop(b, IR_shl, IR_I64, x, gen_const(b, 2));
    ir_ref a1 = gen_add(b, IR_I64, y, s1);
    ir_ref l = gen_ld(b, MO_32, a1, 0);
    ir_ref s2 = gen_binop(b, IR_shl, IR_I64, x, gen_const(b, 2)); /* same, other const temp */
    ir_ref a2 = gen_add(b, IR_I64, s2, y);                         /* commuted */
    gen_st(b, MO_32, a2, 0, l);
    ir_ref w = gen_add(b, IR_I32, y, s1);   /* other type: kept */
    ir_ref l2 = gen_ld(b, MO_32, a1, 0);    /* loads are not merged */
    gen_set(b, IR_I64, G(3), gen_xor(b, IR_I64, w, l2));
    gen_goto(b, 0x2000);
    opt_cse(b);
    opt_dce(b);
    assert_int_equal(count_live(b, IR_shl), 1);
    assert_int_equal(count_live(b, IR_add), 2);
    assert_int_equal(count_live(b, IR_ld), 2);
    int st = find_op(b, IR_st, 0);
    assert_int_equal(b->ops[st].arg[0], a1);
}

static void test_fold_rotate(void **state)
{
    (void)state;
    struct ir_block *b = &blk;
    ir_ref x = gen_get(b, IR_I64, G(1));
    ir_ref r = gen_or(b, IR_I64, gen_binop(b, IR_shr, IR_I64, x, gen_const(b, 47)),
                      gen_binop(b, IR_shl, IR_I64, x, gen_const(b, 17)));
    gen_set(b, IR_I64, G(2), r);
    /* not a rotate: amounts do not add up to 64 */
    ir_ref q = gen_or(b, IR_I64, gen_binop(b, IR_shr, IR_I64, x, gen_const(b, 40)),
                      gen_binop(b, IR_shl, IR_I64, x, gen_const(b, 17)));
    gen_set(b, IR_I64, G(3), q);
    gen_goto(b, 0x2000);
    struct ir_block opt;
    clone_block(&opt, b);
    ir_optimize(&opt);
    assert_int_equal(count_live(&opt, IR_rotl), 1);
    struct cpu *c1 = calloc(1, sizeof(struct cpu)), *c2 = calloc(1, sizeof(struct cpu));
    c1->gpr[1] = c2->gpr[1] = 0x8123456789abcdefull;
    interp(b, c1);
    interp(&opt, c2);
    assert_int_equal(c2->gpr[2], (0x8123456789abcdefull << 17) | (0x8123456789abcdefull >> 47));
    assert_int_equal(c1->gpr[2], c2->gpr[2]);
    assert_int_equal(c1->gpr[3], c2->gpr[3]);
    free(c1);
    free(c2);
    ir_block_free(&opt);
}

static void test_fold_select(void **state)
{
    (void)state;
    static const int conds[] = {IR_EQ, IR_NE, IR_LT, IR_GE, IR_LTU, IR_GEU, IR_LE, IR_GT,
                                IR_LEU, IR_GTU, IR_TSTZ, IR_TSTNZ};
    for (unsigned k = 0; k < sizeof(conds) / sizeof(conds[0]); k++)
        for (int ty = 0; ty < 2; ty++) {
            struct ir_block *b = &blk;
            ir_block_reset(b, 0x1000);
            enum ir_type t = ty ? IR_I64 : IR_I32;
            ir_ref x = gen_get(b, IR_I64, G(1)), y = gen_get(b, IR_I64, G(2));
            gen_set(b, IR_I64, G(3), gen_select(b, t, conds[k], x, y, gen_const(b, 1), gen_const(b, 0)));
            gen_set(b, IR_I64, G(4), gen_select(b, t, conds[k], x, y, gen_const(b, 0), gen_const(b, 1)));
            gen_set(b, IR_I64, G(5), gen_select(b, t, conds[k], x, y, x, x));
            gen_set(b, IR_I64, G(6), gen_select(b, t, conds[k], x, y, gen_const(b, 7), gen_const(b, 7)));
            gen_goto(b, 0x2000);
            struct ir_block opt;
            clone_block(&opt, b);
            ir_optimize(&opt);
            assert_int_equal(count_live(&opt, IR_select), 0);
            assert_int_equal(count_live(&opt, IR_setcond), 2);
            for (unsigned i = 0; i < NVALS; i += 3)
                for (unsigned j = 0; j < NVALS; j += 5) {
                    struct cpu c1 = {0}, c2 = {0};
                    c1.gpr[1] = c2.gpr[1] = vals[i];
                    c1.gpr[2] = c2.gpr[2] = vals[j] ^ (j & 1 ? vals[i] : 0);
                    interp(b, &c1);
                    interp(&opt, &c2);
                    assert_memory_equal(c1.gpr, c2.gpr, sizeof(c1.gpr));
                }
            ir_block_free(&opt);
        }
}

/* ---- opt_sink: loop-exit-only work moves past the back edge ---- */

static void test_sink_structure(void **state)
{
    (void)state;
    struct ir_block *b = &blk; /* guest_pc 0x1000 */
    gen_insn_start(b, 0x1000);
    ir_ref a = gen_get(b, IR_I64, G(1));
    ir_ref a1 = gen_add(b, IR_I64, a, gen_const(b, 1));
    gen_set(b, IR_I64, G(1), a1);
    ir_ref d = gen_xor(b, IR_I64, a1, gen_const(b, 5));
    gen_set(b, IR_I64, G(2), d);                       /* killed at entry: moves */
    gen_set(b, IR_I64, CPU_OFF(nf), gen_sub(b, IR_I64, a1, gen_const(b, 9))); /* moves */
    gen_set(b, IR_I64, G(3), d);                       /* read before the edge: stays */
    gen_set(b, IR_I64, G(4), gen_get(b, IR_I64, G(3))); /* moves */
    gen_exit_cond(b, IR_I64, IR_NE, a1, gen_const(b, 9), 0x1000);
    gen_goto(b, 0x2000);
    opt_dce(b);
    opt_sink(b);
    int e = find_op(b, IR_exit_cond, 0);
    /* G(1) is read at entry; G(3)'s get (not forwarded here) lies between
     * its set and the edge */
    for (int i = 0; i < e; i++)
        if (b->ops[i].opc == IR_set)
            assert_true(b->ops[i].imm == G(1) || b->ops[i].imm == G(3));
    int after = 0;
    for (int i = e + 1; i < b->nops; i++)
        if (b->ops[i].opc == IR_set)
            after++;
    assert_int_equal(after, 3);
    /* the sub feeding nf moved too; the xor stays (G(3) needs it) */
    int sub = find_op(b, IR_sub, 0);
    assert_true(sub > e);
    assert_true(find_op(b, IR_xor, 0) < e);
    /* not a loop: nothing moves */
    ir_block_reset(b, 0x1000);
    a = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), gen_add(b, IR_I64, a, gen_const(b, 1)));
    gen_exit_cond(b, IR_I64, IR_NE, a, gen_const(b, 9), 0x1100);
    gen_goto(b, 0x2000);
    opt_sink(b);
    assert_int_equal(b->ops[2].opc, IR_set);
    /* a call before the back edge stops the search */
    ir_block_reset(b, 0x1000);
    a = gen_get(b, IR_I64, G(1));
    gen_set(b, IR_I64, G(2), gen_add(b, IR_I64, a, gen_const(b, 1)));
    gen_call(b, (void *)helper_noop, IR_CALL_RW_STATE, 1, a, 0, 0, 0);
    gen_exit_cond(b, IR_I64, IR_NE, a, gen_const(b, 9), 0x1000);
    gen_goto(b, 0x2000);
    opt_sink(b);
    assert_int_equal(b->ops[2].opc, IR_set);
}

/* a frontend-shaped loop: random insns, flag-like writes, a counter that ends
 * it, and extra back edges on random conditions */
static void random_loop_block(struct ir_block *b)
{
    static const enum ir_opc bin[] = {IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_shl,
                                      IR_shr, IR_sar, IR_rotl};
    static const int32_t flag_off[] = {CPU_OFF(nf), CPU_OFF(zf), CPU_OFF(cf), CPU_OFF(vf)};
    int n = 3 + (int)(rnd() % 20);
    int counter_at = (int)(rnd() % (uint64_t)n);
    for (int k = 0; k < n; k++) {
        gen_insn_start(b, 0x1000 + 4 * (uint64_t)k);
        int kind = (int)(rnd() % 100);
        int r1 = 1 + (int)(rnd() % 7), r2 = 1 + (int)(rnd() % 7), rd = 1 + (int)(rnd() % 7);
        enum ir_type ty = rnd() & 1 ? IR_I64 : IR_I32;
        ir_ref a = gen_get(b, IR_I64, G(r1));
        ir_ref c = rnd() % 3 ? gen_get(b, IR_I64, G(r2)) : gen_const(b, (int64_t)vals[rnd() % NVALS]);
        if (k == counter_at) {
            ir_ref cnt = gen_sub(b, IR_I64, gen_get(b, IR_I64, G(9)), gen_const(b, 1));
            gen_set(b, IR_I64, G(9), cnt);
            gen_exit_cond(b, IR_I64, IR_NE, cnt, gen_const(b, 0), 0x1000);
        } else if (kind < 45) {
            ir_ref r = gen_binop(b, bin[rnd() % (sizeof(bin) / sizeof(bin[0]))], ty, a, c);
            gen_set(b, IR_I64, G(rd), r);
            if (rnd() & 1)
                gen_set(b, IR_I64, flag_off[rnd() % 4], gen_xor(b, IR_I64, r, a));
        } else if (kind < 55) {
            gen_set(b, IR_I64, G(rd), gen_get(b, IR_I64, flag_off[rnd() % 4]));
            /* FP register slots move like gprs: written, read, half-written */
            int f = (int)(rnd() % 3);
            int32_t fo = rnd() & 1 ? CPU_FPR(f) : CPU_VREG(f, (int)(rnd() & 1));
            if (rnd() & 1)
                gen_set(b, rnd() % 4 ? IR_I64 : IR_I32, fo, gen_add(b, IR_I64, a, c));
            else
                gen_set(b, IR_I64, G(rd), gen_get(b, IR_I64, fo));
        } else if (kind < 65) {
            gen_exit_cond(b, ty, (int)(rnd() % IR_NUM_CONDS), a, c,
                          rnd() & 1 ? 0x1000 : 0x4000 + 4 * (uint64_t)k);
        } else if (kind < 72) {
            uint64_t target = 0x1000 + 4 * (uint64_t)(k + 1 + (int)(rnd() % 3));
            gen_exit_cond(b, ty, (int)(rnd() % IR_NUM_CONDS), a, c, target);
        } else if (kind < 80) {
            ir_ref base = gen_const(b, (int64_t)(uintptr_t)mem_area);
            gen_set(b, IR_I64, G(rd), gen_ld(b, (unsigned)(rnd() % 8), base, (int32_t)(8 * (rnd() % 15))));
        } else if (kind < 86) {
            ir_ref base = gen_const(b, (int64_t)(uintptr_t)mem_area);
            gen_st(b, (unsigned)(rnd() % 4), base, (int32_t)(8 * (rnd() % 15)), a);
        } else if (kind < 90) {
            gen_set(b, IR_I64, G(rd), gen_call(b, (void *)helper_rw, IR_CALL_RW_STATE, 2, a, c, 0, 0));
        } else {
            int cond = (int)(rnd() % IR_NUM_CONDS);
            gen_set(b, IR_I64, G(rd), gen_select(b, ty, cond, a, c, gen_get(b, IR_I64, G(rd)), a));
        }
    }
    gen_goto(b, 0x1000 + 4 * (uint64_t)n);
}

/* run b (re-entered while it branches back to its start), at most 64 times;
 * returns false if it was still looping */
static bool interp_loop(const struct ir_block *b, const struct ir_block *orig, struct cpu *cpu,
                        struct interp_result *r)
{
    for (int k = 0; k < 64; k++) {
        *r = interp2(b, orig, cpu);
        if (r->kind != 0 || r->pc != b->guest_pc)
            return true;
    }
    return false;
}

static void test_sink_loop_semantics(void **state)
{
    (void)state;
    struct cpu *c1 = calloc(1, sizeof(struct cpu)), *c2 = calloc(1, sizeof(struct cpu));
    assert_non_null(c1);
    assert_non_null(c2);
    uint64_t mem0[16], mem1[16], log1[64][3];
    int fails = 0, moved = 0, compared = 0;
    for (int iter = 0; iter < 4000; iter++) {
        struct ir_block orig, opt;
        ir_block_init(&orig, 0x1000);
        random_loop_block(&orig);
        clone_block(&opt, &orig);
        opt_ifconv(&opt);
        opt_forward_state(&opt);
        opt_fold(&opt);
        opt_dce(&opt);
        struct ir_block before;
        clone_block(&before, &opt);
        opt_sink(&opt);
        for (int i = 0; i < opt.nops; i++)
            if (memcmp(&opt.ops[i], &before.ops[i], sizeof(opt.ops[i]))) {
                moved++;
                break;
            }
        ir_block_free(&before);
        for (int k = 0; k < 32; k++)
            c1->gpr[k] = k < 8 ? vals[rnd() % NVALS] ^ (rnd() & 3) : rnd();
        c1->gpr[9] = 1 + rnd() % 6;
        c1->nf = rnd();
        c1->zf = rnd() & 1;
        c1->cf = rnd();
        c1->vf = rnd();
        for (int k = 0; k < 16; k++)
            mem0[k] = rnd();
        memcpy(c2, c1, sizeof(*c1));
        memcpy(mem_area, mem0, sizeof(mem0));
        ncalls = 0;
        struct interp_result r1, r2;
        bool done1 = interp_loop(&orig, &orig, c1, &r1);
        int ncalls1 = ncalls;
        memcpy(log1, call_log, sizeof(log1));
        memcpy(mem1, mem_area, sizeof(mem1));
        memcpy(mem_area, mem0, sizeof(mem0));
        ncalls = 0;
        bool done2 = interp_loop(&opt, &orig, c2, &r2);
        if (done1) {
            compared++;
            bool same = done2 && r1.pc == r2.pc && r1.kind == r2.kind &&
                        !memcmp(c1->gpr, c2->gpr, sizeof(c1->gpr)) &&
                        !memcmp(c1->fpr, c2->fpr, sizeof(c1->fpr)) &&
                        !memcmp(c1->vreg, c2->vreg, sizeof(c1->vreg)) && c1->nf == c2->nf &&
                        c1->zf == c2->zf && c1->cf == c2->cf && c1->vf == c2->vf &&
                        !memcmp(mem1, mem_area, sizeof(mem1)) && ncalls1 == ncalls &&
                        !memcmp(log1, call_log, sizeof(uint64_t) * 3 * (size_t)(ncalls < 64 ? ncalls : 64));
            if (!same && ++fails <= 3) {
                print_error("iteration %d: sunk loop behaves differently (pc %#" PRIx64 " vs %#" PRIx64 ")\n",
                            iter, r1.pc, r2.pc);
                for (int k = 0; k < 10; k++)
                    if (c1->gpr[k] != c2->gpr[k])
                        print_error("  x%d: %#" PRIx64 " vs %#" PRIx64 "\n", k, c1->gpr[k], c2->gpr[k]);
            }
        }
        ir_block_free(&orig);
        ir_block_free(&opt);
    }
    free(c1);
    free(c2);
    assert_int_equal(fails, 0);
    assert_true(moved > 400);     /* the pass really moved things */
    assert_true(compared > 2000); /* and most loops ended */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cse, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_fold_rotate, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_fold_select, setup_block, teardown_block),
        cmocka_unit_test_setup_teardown(test_sink_structure, setup_block, teardown_block),
        cmocka_unit_test(test_sink_loop_semantics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
