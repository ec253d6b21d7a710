/* test_backend.c — the x86-64 backend executing integer, memory, atomic,
 * helper-call and control-flow blocks (see backend_harness.h for how blocks
 * are generated, run and checked). FP ops: test_backend_fp.c.
 */
#include "tests/unit/backend_harness.h"

static void test_int_binops(void **state)
{
    (void)state;
    static const enum ir_opc ops[] = {IR_add, IR_sub, IR_mul, IR_mulh, IR_mulhu, IR_mulhsu, IR_div,
                                      IR_divu, IR_rem, IR_remu, IR_and, IR_or, IR_xor, IR_andn,
                                      IR_orn, IR_xnor, IR_shl, IR_shr, IR_sar, IR_rotl, IR_rotr};
    for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
        for (int ty = IR_I32; ty <= IR_I64; ty++) {
            enum ir_opc opc = ops[k];
            if (ty == IR_I32 && (opc == IR_mulh || opc == IR_mulhu || opc == IR_mulhsu))
                continue;
            for (int mode = 0; mode < M_NUM; mode++) {
                int bm = base_mode(mode);
                begin();
                for (unsigned i = 0; i < NIVALS; i++)
                    for (unsigned j = 0; j < NIVALS; j++) {
                        if (bm == M_SAME && j)
                            break;
                        uint64_t a = ivals[i], c = bm == M_SAME ? a : ivals[j], e;
                        ir_ref ra = operand(a, bm == M_CR || bm == M_CC);
                        ir_ref rc = bm == M_SAME ? ra : operand(c, bm == M_RC || bm == M_CC);
                        ir_ref r = gen_binop(&tc.b, opc, ty, ra, rc);
                        assert_true(ir_eval_int(opc, ty, 0, a, c, 0, 0, &e));
                        expect_k(r, e, EXACT, "%s.%s(%#" PRIx64 ", %#" PRIx64 ") %s",
                                 ir_opdefs[opc].name, tyn(ty), a, c, mode_names[mode]);
                        if (mode >= M_NUM_BASE) {
                            if (bm != M_CR)
                                expect_k(ra, a, EXACT, "left operand after %s.%s", ir_opdefs[opc].name, tyn(ty));
                            if (bm != M_RC)
                                expect_k(rc, c, EXACT, "right operand after %s.%s", ir_opdefs[opc].name, tyn(ty));
                        }
                    }
                /* and random operands (fixed seed) */
                for (int i = 0; i < 64 && bm != M_SAME; i++) {
                    uint64_t a = rnd(), c = rnd(), e;
                    if (i & 1) /* small counts / divisors too */
                        c &= 0x7f;
                    ir_ref ra = operand(a, bm == M_CR || bm == M_CC);
                    ir_ref rc = operand(c, bm == M_RC || bm == M_CC);
                    assert_true(ir_eval_int(opc, ty, 0, a, c, 0, 0, &e));
                    expect_k(gen_binop(&tc.b, opc, ty, ra, rc), e, EXACT, "%s.%s(%#" PRIx64 ", %#" PRIx64 ") %s",
                             ir_opdefs[opc].name, tyn(ty), a, c, mode_names[mode]);
                }
                finish();
            }
        }
    done();
}

static void test_int_unops(void **state)
{
    (void)state;
    static const enum ir_opc ops[] = {IR_neg, IR_not, IR_clz, IR_ctz, IR_popcnt, IR_bswap,
                                      IR_sext8, IR_sext16, IR_sext32, IR_zext8, IR_zext16,
                                      IR_zext32, IR_mov};
    for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
        for (int ty = IR_I32; ty <= IR_I64; ty++)
            for (int c = 0; c < 2; c++) {
                enum ir_opc opc = ops[k];
                begin();
                for (unsigned i = 0; i < NIVALS; i++) {
                    uint64_t a = ivals[i], e;
                    ir_ref r = gen_unop(&tc.b, opc, ty, operand(a, c));
                    assert_true(ir_eval_int(opc, ty, 0, a, 0, 0, 0, &e));
                    expect_k(r, e, EXACT, "%s.%s(%#" PRIx64 ")%s", ir_opdefs[opc].name, tyn(ty), a,
                             c ? " const" : "");
                }
                /* single bits and their neighbours for the bit counts */
                for (int bit = 0; bit < 64; bit++) {
                    uint64_t a = 1ull << bit, e;
                    ir_ref r = gen_unop(&tc.b, opc, ty, operand(a, c));
                    assert_true(ir_eval_int(opc, ty, 0, a, 0, 0, 0, &e));
                    expect_k(r, e, EXACT, "%s.%s(%#" PRIx64 ")%s", ir_opdefs[opc].name, tyn(ty), a,
                             c ? " const" : "");
                    a = (1ull << bit) - 1;
                    r = gen_unop(&tc.b, opc, ty, operand(a, c));
                    assert_true(ir_eval_int(opc, ty, 0, a, 0, 0, 0, &e));
                    expect_k(r, e, EXACT, "%s.%s(%#" PRIx64 ")%s", ir_opdefs[opc].name, tyn(ty), a,
                             c ? " const" : "");
                }
                finish();
            }
    done();
}

/* select: the type is the compare width, the chosen value moves whole */
static void test_setcond_select(void **state)
{
    (void)state;
    for (int cond = 0; cond < IR_NUM_CONDS; cond++)
        for (int ty = IR_I32; ty <= IR_I64; ty++)
            for (int mode = 0; mode < M_NUM; mode++) {
                int bm = base_mode(mode);
                begin();
                for (unsigned i = 0; i < NIVALS; i++)
                    for (unsigned j = 0; j < NIVALS; j++) {
                        if (bm == M_SAME && j)
                            break;
                        uint64_t a = ivals[i], c = bm == M_SAME ? a : ivals[j];
                        bool t = ir_eval_cond(ty, cond, a, c);
                        ir_ref ra = operand(a, bm == M_CR || bm == M_CC);
                        ir_ref rc = bm == M_SAME ? ra : operand(c, bm == M_RC || bm == M_CC);
                        ir_ref r = gen_setcond(&tc.b, ty, cond, ra, rc);
                        expect_k(r, t, EXACT, "setcond.%s[%d](%#" PRIx64 ", %#" PRIx64 ") %s",
                                 tyn(ty), cond, a, c, mode_names[mode]);
                        /* select among two other values, both in registers */
                        uint64_t x = 0xa5a5a5a5a5a5a5a5ull ^ (i * 977 + j), y = ~x;
                        r = gen_select(&tc.b, ty, cond, ra, rc, in64(x), in64(y));
                        expect_k(r, t ? x : y, EXACT,
                                 "select.%s[%d](%#" PRIx64 ", %#" PRIx64 ") %s", tyn(ty), cond, a, c,
                                 mode_names[mode]);
                        /* select between the compared values themselves */
                        if (bm != M_SAME) {
                            r = gen_select(&tc.b, ty, cond, ra, rc, ra, rc);
                            expect_k(r, t ? a : c, EXACT,
                                     "select.%s[%d](%#" PRIx64 ", %#" PRIx64 ") -> operands %s",
                                     tyn(ty), cond, a, c, mode_names[mode]);
                            r = gen_select(&tc.b, ty, cond, ra, rc, gen_const(&tc.b, 12345),
                                           rc);
                            expect_k(r, t ? 12345 : c, EXACT,
                                     "select.%s[%d](%#" PRIx64 ", %#" PRIx64 ") -> const/operand %s",
                                     tyn(ty), cond, a, c, mode_names[mode]);
                        }
                        if (mode >= M_NUM_BASE) {
                            if (bm != M_CR)
                                expect_k(ra, a, EXACT, "left operand after select");
                            if (bm != M_RC)
                                expect_k(rc, c, EXACT, "right operand after select");
                        }
                    }
                finish();
            }
    done();
}

/* ---- memory ---- */

static _Alignas(64) uint8_t memarea[8192];
static uint8_t mem_init[8192], mem_exp[8192];

static void mem_pre(void) { memcpy(memarea, mem_init, sizeof(memarea)); }
static int mem_post(const char *variant)
{
    int bad = 0;
    for (size_t i = 0; i < sizeof(memarea); i++)
        if (memarea[i] != mem_exp[i]) {
            if (++bad <= 4 && total_fail + bad <= 30)
                print_error("memory byte %zu [%s]: got %#x expected %#x%s%s\n", i, variant,
                            memarea[i], mem_exp[i], mem_slots ? ", after " : "",
                            mem_slots ? tc.desc[i / 16] : "");
        }
    return bad;
}

static void fill_mem(void)
{
    for (size_t i = 0; i < sizeof(mem_init); i++)
        mem_init[i] = (uint8_t)(i * 37 + 11);
    memcpy(mem_exp, mem_init, sizeof(mem_exp));
}

static uint64_t load_ref(const uint8_t *p, int size, bool sign)
{
    uint64_t v = 0;
    memcpy(&v, p, (size_t)size);
    if (sign && size < 8)
        v = (uint64_t)((int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
    return v;
}

static void test_loads(void **state)
{
    (void)state;
    static const int32_t disps[] = {0, 1, 7, 8, -8, 100, -100, 1000, -1000, 4000, -4000};
    fill_mem();
    for (int addr_const = 0; addr_const < 2; addr_const++) {
        begin();
        pre_run = mem_pre;
        post_run = mem_post;
        uint8_t *base = memarea + 4096;
        for (int sz = 0; sz < 4; sz++)
            for (int sign = 0; sign < 2; sign++)
                for (unsigned d = 0; d < sizeof(disps) / sizeof(disps[0]); d++)
                    for (int misalign = 0; misalign < 3; misalign++) {
                        uint8_t *p = base + misalign;
                        ir_ref addr = operand((uintptr_t)p, addr_const);
                        ir_ref r = gen_ld(&tc.b, (unsigned)sz | (sign ? MO_SIGN : 0), addr, disps[d]);
                        expect_k(r, load_ref(mem_init + (p + disps[d] - memarea), 1 << sz, sign), EXACT,
                                 "ld size %d%s [%p%+d]%s", 1 << sz, sign ? " signed" : "", (void *)p,
                                 disps[d], addr_const ? " const address" : "");
                    }
        finish();
    }
    done();
}

static void test_stores(void **state)
{
    (void)state;
    static const uint64_t svals[] = {0, 1, 0x7f, 0x80, 0xff, 0x1234, 0x8000, 0x7fffffff, 0x80000000,
                                     0xffffffff, (uint64_t)-1, (uint64_t)-5, 0xffffffff80000000ull,
                                     0x123456789abcdef0ull, 0x8000000000000000ull};
    for (int addr_const = 0; addr_const < 2; addr_const++)
        for (int val_const = 0; val_const < 2; val_const++) {
            fill_mem();
            begin();
            pre_run = mem_pre;
            post_run = mem_post;
            int slot = 0;
            for (int sz = 0; sz < 4; sz++)
                for (unsigned v = 0; v < sizeof(svals) / sizeof(svals[0]); v++)
                    for (int misalign = 0; misalign < 2; misalign++) {
                        int32_t disp = (slot % 2) ? -16 * slot : 16 * slot;
                        uint8_t *p = memarea + 4096 + misalign * 3;
                        slot++;
                        ir_ref addr = operand((uintptr_t)p, addr_const);
                        gen_st(&tc.b, (unsigned)sz, addr, disp, operand(svals[v], val_const));
                        memcpy(mem_exp + (p + disp - memarea), &svals[v], (size_t)1 << sz);
                    }
            /* results must be reported through outv too: a load back */
            ir_ref r = gen_ld(&tc.b, MO_64, gen_const(&tc.b, (int64_t)(uintptr_t)(memarea + 4096)), 0);
            uint64_t e;
            memcpy(&e, mem_exp + 4096, 8);
            expect_k(r, e, EXACT, "load after stores");
            finish();
        }
    done();
}

/* ---- atomics ---- */

static uint64_t sext_n(uint64_t v, int size)
{
    return size == 8 ? v : (uint64_t)((int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
}

static uint64_t amo_ref(int amo, uint64_t old, uint64_t v, int size)
{
    uint64_t m = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
    old &= m;
    uint64_t vm = v & m;
    int64_t so = (int64_t)sext_n(old, size), sv = (int64_t)sext_n(vm, size);
    switch (amo) {
    case IR_AMO_XCHG: return vm;
    case IR_AMO_ADD: return (old + v) & m;
    case IR_AMO_AND: return old & vm;
    case IR_AMO_OR: return old | vm;
    case IR_AMO_XOR: return old ^ vm;
    case IR_AMO_MIN: return so < sv ? old : vm;
    case IR_AMO_MAX: return so > sv ? old : vm;
    case IR_AMO_MINU: return old < vm ? old : vm;
    default: return old > vm ? old : vm;
    }
}

static const char *const amo_names[] = {"xchg", "add", "and", "or", "xor", "min", "max", "minu", "maxu"};

static void test_atomics(void **state)
{
    (void)state;
    static const uint64_t av[] = {0, 1, (uint64_t)-1, 0x7f, 0x80, 0x7fff, 0x8000, 0x7fffffff,
                                  0x80000000, 0x7fffffffffffffffull, 0x8000000000000000ull,
                                  0x123456789abcdef0ull, 0xffffffff00000005ull, 0x00000001fffffff0ull};
    const int nav = sizeof(av) / sizeof(av[0]);
    for (int amo = IR_AMO_XCHG; amo <= IR_AMO_MAXU; amo++)
        for (int sz = 0; sz < 4; sz++)
            for (int mode = 0; mode < 3; mode++) { /* 0 reg/reg, 1 const addr, 2 const value */
                int size = 1 << sz;
                fill_mem();
                begin();
                pre_run = mem_pre;
                post_run = mem_post;
                mem_slots = true;
                int slot = 0;
                for (int i = 0; i < nav; i++)
                    for (int j = 0; j < nav; j++) {
                        uint8_t *p = memarea + 16 * slot++;
                        uint64_t old = av[i], v = av[j];
                        memcpy(mem_init + (p - memarea), &old, (size_t)size);
                        memcpy(mem_exp + (p - memarea), &old, (size_t)size);
                        uint64_t nv = amo_ref(amo, old, v, size);
                        memcpy(mem_exp + (p - memarea), &nv, (size_t)size);
                        ir_ref r = gen_atomic(&tc.b, amo, (unsigned)sz, operand((uintptr_t)p, mode == 1),
                                              operand(v, mode == 2));
                        uint64_t m = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
                        expect_k(r, old & m, EXACT, "amo%s size %d (mem %#" PRIx64 ", %#" PRIx64 ") mode %d",
                                 amo_names[amo], size, old, v, mode);
                    }
                finish();
            }
    done();
}

static void test_cmpxchg(void **state)
{
    (void)state;
    static const uint64_t cv[] = {0, 1, (uint64_t)-1, 0x80, 0x8000, 0x80000000,
                                  0x8000000000000000ull, 0x123456789abcdef0ull};
    const int ncv = sizeof(cv) / sizeof(cv[0]);
    for (int sz = 0; sz < 4; sz++)
        for (int mode = 0; mode < 2; mode++) {
            int size = 1 << sz;
            uint64_t m = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
            fill_mem();
            begin();
            pre_run = mem_pre;
            post_run = mem_post;
            mem_slots = true;
            int slot = 0;
            for (int i = 0; i < ncv; i++)
                for (int j = 0; j < ncv; j++)
                    for (int hit = 0; hit < 3; hit++) {
                        uint8_t *p = memarea + 16 * slot++;
                        uint64_t old = cv[i], newv = cv[j] ^ 0x5a5a5a5a5a5a5a5aull;
                        /* expected: equal; equal in the low `size` bytes only; different */
                        uint64_t exp_v = hit == 0 ? old : hit == 1 ? (old & m) | (~m & 0xabcdef0123456789ull)
                                                                  : old ^ 1;
                        bool success = ((exp_v ^ old) & m) == 0;
                        memcpy(mem_init + (p - memarea), &old, (size_t)size);
                        memcpy(mem_exp + (p - memarea), success ? &newv : &old, (size_t)size);
                        ir_ref r = gen_cmpxchg(&tc.b, (unsigned)sz, operand((uintptr_t)p, mode),
                                               in64(exp_v), in64(newv));
                        expect_k(r, old & m, EXACT,
                                 "cmpxchg size %d mem %#" PRIx64 " expect %#" PRIx64 " new %#" PRIx64,
                                 size, old, exp_v, newv);
                    }
            finish();
        }
    done();
}


static void test_register_pressure_and_calls(void **state)
{
    (void)state;
    enum { N = 30 };
    for (int variant = 0; variant < 3; variant++) {
        begin();
        cpu->gpr[5] = 7;
        helper_calls = helper_bad = 0;
        helper_writes_state = variant != 0;
        ir_ref t[N], u[N];
        uint64_t tv[N], uv[N];
        for (int i = 0; i < N; i++) {
            tv[i] = 0x1111111111111111ull * (uint64_t)(i + 1) + (uint64_t)i;
            t[i] = in64(tv[i]);
        }
        for (int i = 0; i < N; i++) {
            u[i] = gen_binop(&tc.b, IR_mul, IR_I64, t[i], t[(i + 7) % N]);
            uv[i] = tv[i] * tv[(i + 7) % N];
        }
        /* > 20 temps live here; the call's arguments may sit in spill slots */
        ir_ref a3 = variant == 2 ? gen_const(&tc.b, 0x123456789ll) : u[N - 1];
        uint64_t a3v = variant == 2 ? 0x123456789ull : uv[N - 1];
        ir_ref g5 = gen_get(&tc.b, IR_I64, CPU_GPR(5));
        ir_ref call = gen_call(&tc.b, (void *)helper4, variant == 0 ? 0 : IR_CALL_RW_STATE, 4,
                               t[0], u[3], variant == 1 ? gen_const(&tc.b, -3) : t[17], a3);
        uint64_t a2v = variant == 1 ? (uint64_t)-3 : tv[17];
        uint64_t cr = tv[0] * 3 + uv[3] * 5 + a2v * 7 + a3v * 11;
        expect_k(call, cr, EXACT, "helper result");
        for (int i = 0; i < N; i++) {
            expect_k(t[i], tv[i], EXACT, "t%d after the call", i);
            expect_k(gen_xor(&tc.b, IR_I64, u[i], t[N - 1 - i]), uv[i] ^ tv[N - 1 - i], EXACT,
                     "u%d ^ t%d after the call", i, N - 1 - i);
        }
        /* guest state: with RW_STATE the get after the call must see the helper's write */
        ir_ref g5b = gen_get(&tc.b, IR_I64, CPU_GPR(5));
        expect_k(g5, 7, EXACT, "gpr5 before the call");
        expect_k(g5b, variant ? 7 + 1000 : 7, EXACT, "gpr5 after the call (%s)",
                 variant ? "RW_STATE" : "plain");
        gen_set(&tc.b, IR_I64, CPU_GPR(5), gen_const(&tc.b, 7)); /* reset for the next run */
        finish();
        assert_int_equal(helper_bad, 0);
        assert_int_equal(helper_calls, 4);
    }
    done();
}

/* ops tied to fixed registers (div/rem and mulh in rax:rdx, shifts by cl,
 * atomics and cmpxchg in rax) while many temps are live, so those registers
 * hold other temps — some dying at the op, some used later */
static void test_fixed_register_ops(void **state)
{
    (void)state;
    static const enum ir_opc ops[] = {IR_div, IR_divu, IR_rem, IR_remu, IR_mulh, IR_mulhu,
                                      IR_mulhsu, IR_shl, IR_shr, IR_sar, IR_rotl, IR_rotr, IR_mul};
    for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
        for (int ty = IR_I32; ty <= IR_I64; ty++)
            for (int N = 1; N <= 16; N++) {
                enum ir_opc opc = ops[k];
                if (ty == IR_I32 && (opc == IR_mulh || opc == IR_mulhu || opc == IR_mulhsu))
                    continue;
                begin();
                ir_ref t[16];
                uint64_t v[16];
                for (int i = 0; i < N; i++) {
                    v[i] = ivals[(unsigned)(i * 3 + k) % NIVALS];
                    t[i] = in64(v[i]);
                }
                for (int i = 0; i < N; i++) {
                    int j = (i * 5 + 3) % N;
                    uint64_t e;
                    ir_ref r = gen_binop(&tc.b, opc, ty, t[i], t[j]);
                    assert_true(ir_eval_int(opc, ty, 0, v[i], v[j], 0, 0, &e));
                    expect_k(r, e, EXACT, "%s.%s(t%d=%#" PRIx64 ", t%d=%#" PRIx64 ") with %d live",
                             ir_opdefs[opc].name, tyn(ty), i, v[i], j, v[j], N);
                }
                /* an operand defined just before the op lands in the next free
                 * register (with N live: rcx, rdx, rax, ... in turn) and dies there */
                for (int i = 0; i < N; i++) {
                    uint64_t fv = ivals[(unsigned)(i + N) % NIVALS], e;
                    ir_ref r = gen_binop(&tc.b, opc, ty, in64(fv), t[i]);
                    assert_true(ir_eval_int(opc, ty, 0, fv, v[i], 0, 0, &e));
                    expect_k(r, e, EXACT, "%s.%s(fresh %#" PRIx64 ", t%d=%#" PRIx64 ") with %d live",
                             ir_opdefs[opc].name, tyn(ty), fv, i, v[i], N);
                    r = gen_binop(&tc.b, opc, ty, t[i], in64(fv));
                    assert_true(ir_eval_int(opc, ty, 0, v[i], fv, 0, 0, &e));
                    expect_k(r, e, EXACT, "%s.%s(t%d=%#" PRIx64 ", fresh %#" PRIx64 ") with %d live",
                             ir_opdefs[opc].name, tyn(ty), i, v[i], fv, N);
                }
                for (int i = 1; i < N; i += 2)
                    expect_k(t[i], v[i], EXACT, "t%d at the end (%s, %d live)", i,
                             ir_opdefs[opc].name, N);
                finish();
            }
    /* atomics and cmpxchg (rax) under the same pressure */
    for (int amo = IR_AMO_XCHG; amo <= IR_AMO_MAXU + 1; amo++)
        for (int N = 1; N <= 16; N++) {
            fill_mem();
            begin();
            pre_run = mem_pre;
            post_run = mem_post;
            ir_ref t[16];
            uint64_t v[16];
            for (int i = 0; i < N; i++) {
                v[i] = ivals[(unsigned)(i * 7 + amo) % NIVALS];
                t[i] = in64(v[i]);
            }
            for (int i = 0; i < N; i++) {
                int j = (i * 5 + 3) % N;
                uint8_t *p = memarea + 16 * i;
                uint64_t old = i & 1 ? v[i] : ivals[(unsigned)i % NIVALS] ^ 0x5555;
                memcpy(mem_init + 16 * i, &old, 8);
                ir_ref addr = in64((uintptr_t)p), r;
                uint64_t nv;
                if (amo > IR_AMO_MAXU) { /* cmpxchg: expected t[i], new t[j] */
                    r = gen_cmpxchg(&tc.b, MO_64, addr, t[i], t[j]);
                    nv = old == v[i] ? v[j] : old;
                } else {
                    r = gen_atomic(&tc.b, amo, MO_64, addr, t[j]);
                    nv = amo_ref(amo, old, v[j], 8);
                }
                memcpy(mem_exp + 16 * i, &nv, 8);
                expect_k(r, old, EXACT, "%s with %d live, slot %d",
                         amo > IR_AMO_MAXU ? "cmpxchg" : amo_names[amo], N, i);
            }
            for (int i = 0; i < N; i += 2)
                expect_k(t[i], v[i], EXACT, "t%d at the end (%d live)", i, N);
            finish();
        }
    done();
}

/* FP values live across a helper call (every xmm is caller-saved) and
 * integer + FP values live across slow-path FP ops (the thunk preserves) */
static void test_spill_exhaustion(void **state)
{
    (void)state;
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    ir_ref base = gen_get(&b, IR_I64, CPU_GPR(10));
    enum { N = BE_MAX_SLOTS + 64 };
    ir_ref *t = malloc(sizeof(ir_ref) * N);
    for (int i = 0; i < N; i++)
        t[i] = gen_ld(&b, MO_64, base, 8 * (i % 64));
    ir_ref sum = t[0];
    for (int i = 1; i < N; i++)
        sum = gen_add(&b, IR_I64, sum, t[i]);
    gen_set(&b, IR_I64, CPU_GPR(1), sum);
    gen_exit(&b, EXIT_LOOKUP, 0x4242);
    struct xbuf xb;
    xb_init(&xb, cursor, (size_t)(region + REGION_SIZE - cursor));
    struct tb_mark *marks = NULL;
    uint32_t nmarks = 0;
    int rc = x86_gen_block(&b, &xb, host_all, epilogue, slow_thunk, &marks, &nmarks);
    free(marks);
    free(t);
    ir_block_free(&b);
    assert_int_equal(rc, -1);
}

/* a buffer too small for the block: -1 and not one byte written past it */
static void test_buffer_overflow(void **state)
{
    (void)state;
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    ir_ref p = gen_get(&b, IR_I64, CPU_GPR(10));
    ir_ref v = gen_get(&b, IR_I64, CPU_GPR(11));
    ir_ref r = gen_atomic(&b, IR_AMO_AND, MO_64, p, v);
    r = gen_add(&b, IR_I64, r, gen_atomic(&b, IR_AMO_MAXU, MO_32, p, r));
    r = gen_binop(&b, IR_div, IR_I64, r, v);
    gen_exit_cond(&b, IR_I64, IR_EQ, r, v, 0x5000);
    r = gen_fcvt_fi(&b, IR_F64, IR_CVT_S32, gen_bitcast(&b, IR_F64, r), IR_RM_DYN);
    gen_set(&b, IR_I64, CPU_GPR(1), r);
    gen_goto(&b, 0x6000);
    size_t full;
    uint8_t *mark = cursor;
    gen_code(&b, host_all, NULL, NULL, &full);
    cursor = mark;
    for (size_t size = 0; size < full; size++) {
        memset(cursor, 0xee, full + 64);
        struct xbuf xb;
        xb_init(&xb, cursor, size);
        struct tb_mark *marks = NULL;
        uint32_t nmarks = 0;
        int rc = x86_gen_block(&b, &xb, host_all, epilogue, slow_thunk, &marks, &nmarks);
        free(marks);
        if (rc != -1)
            fail_msg("buffer of %zu bytes (block needs %zu): x86_gen_block returned %d", size, full, rc);
        for (size_t i = size; i < full + 64; i++)
            if (cursor[i] != 0xee)
                fail_msg("buffer of %zu bytes: byte %zu past the end was written", size, i - size);
    }
    ir_block_free(&b);
}

/* ---- exits, chaining, jump cache, marks ---- */

static void test_exits(void **state)
{
    (void)state;
    static const uint64_t pcs[] = {0, 0x1000, 0x7fffffff, 0x80000000, 0xffffffff80000000ull,
                                   0x123456789abcull, ~0ull};
    for (int why = EXIT_SYSCALL; why < EXIT_NUM; why++)
        for (unsigned i = 0; i < sizeof(pcs) / sizeof(pcs[0]); i++) {
            struct ir_block b;
            ir_block_init(&b, 0x1000);
            gen_set(&b, IR_I64, CPU_GPR(1), gen_const(&b, why));
            gen_exit(&b, why, pcs[i]);
            uint8_t *code = gen_code(&b, host_all, NULL, NULL, NULL);
            cpu->pc = 0xdead;
            jit_exit_t r = enter(cpu, code);
            assert_int_equal(r, why);
            assert_int_equal(cpu->pc, pcs[i]);
            assert_int_equal(cpu->gpr[1], why);
            ir_block_free(&b);
        }
}

static bool is_field(const uint8_t *code, size_t size, jit_exit_t r)
{
    const uint8_t *f = (const uint8_t *)r;
    return f >= code + 1 && f + 4 <= code + size && ((uintptr_t)f & 3) == 0;
}

static void test_side_exits_and_chaining(void **state)
{
    (void)state;
    for (int opt = 0; opt < 2; opt++)
        for (int taken = 0; taken < 2; taken++) {
            cursor = blocks_start;
            /* target block: records that it ran, exits to the dispatcher */
            struct ir_block t;
            ir_block_init(&t, 0x5000);
            gen_set(&t, IR_I64, CPU_GPR(3), gen_const(&t, 0x5000));
            gen_exit(&t, EXIT_LOOKUP, 0x5004);
            uint8_t *tcode = gen_code(&t, host_all, NULL, NULL, NULL);
            ir_block_free(&t);

            struct ir_block b;
            ir_block_init(&b, 0x1000);
            ir_ref x = gen_get(&b, IR_I64, CPU_GPR(1));
            gen_set(&b, IR_I64, CPU_GPR(2), gen_add(&b, IR_I64, x, gen_const(&b, 1)));
            gen_exit_cond(&b, IR_I64, IR_EQ, x, gen_const(&b, 42), 0x5000);
            gen_set(&b, IR_I64, CPU_GPR(2), gen_const(&b, 99));
            gen_goto(&b, 0x6000);
            if (opt)
                ir_optimize(&b);
            size_t size;
            uint8_t *code = gen_code(&b, host_all, NULL, NULL, &size);
            ir_block_free(&b);

            /* unchained: the exit returns the rel32 field to patch, pc = target */
            cpu->gpr[1] = taken ? 42 : 1;
            cpu->gpr[3] = 0;
            jit_exit_t r = enter(cpu, code);
            assert_true(is_field(code, size, r));
            assert_int_equal(cpu->pc, taken ? 0x5000 : 0x6000);
            assert_int_equal(cpu->gpr[2], taken ? 43 : 99); /* the set before the exit happened */
            const uint8_t *f = (const uint8_t *)r;
            if (taken)
                assert_true(f[-2] == 0x0f && (f[-1] & 0xf0) == 0x80); /* jcc rel32 */
            else
                assert_int_equal(f[-1], 0xe9); /* jmp rel32 */
            /* chain it the way jit_chain does and run again: lands in the target */
            int32_t rel = (int32_t)(tcode - (f + 4));
            __atomic_store_n((int32_t *)(uintptr_t)r, rel, __ATOMIC_RELEASE);
            cpu->pc = 0;
            jit_exit_t r2 = enter(cpu, code);
            assert_int_equal(r2, EXIT_LOOKUP);
            assert_int_equal(cpu->pc, 0x5004);
            assert_int_equal(cpu->gpr[3], 0x5000);
            /* the other path is still unchained */
            cpu->gpr[1] = taken ? 1 : 42;
            cpu->gpr[3] = 0;
            jit_exit_t r3 = enter(cpu, code);
            assert_true(is_field(code, size, r3));
            assert_true(r3 != r);
            assert_int_equal(cpu->pc, taken ? 0x6000 : 0x5000);
        }
}

static uint64_t helper_loop(struct cpu *c, uint64_t a)
{
    c->gpr[4] += 1;         /* writes guest state ... */
    return c->gpr[2] ^ a;   /* ... and reads it */
}

/* A block that branches back to its own start (a loop), run through a mini
 * dispatcher: an exit to the block's own pc re-enters it (or, chained, jumps
 * straight back). Whatever the backend does with such blocks, the guest state
 * after the loop must be the one computed in C. */
static void test_self_loop(void **state)
{
    (void)state;
    for (int variant = 0; variant < 5; variant++)
        for (int opt = 0; opt < 2; opt++)
            for (int chain = 0; chain < 2; chain++)
                for (int h = 0; h < 2; h++) {
                    cursor = blocks_start;
                    struct ir_block b;
                    ir_block_init(&b, 0x1000);
                    gen_insn_start(&b, 0x1000);
                    ir_ref a = gen_get(&b, IR_I64, CPU_GPR(1));
                    ir_ref s = gen_get(&b, IR_I64, CPU_GPR(2));
                    ir_ref a1 = gen_binop(&b, IR_sub, IR_I64, a, gen_const(&b, 1));
                    gen_set(&b, IR_I64, CPU_GPR(1), a1);
                    gen_insn_start(&b, 0x1004);
                    ir_ref s1 = gen_add(&b, IR_I64, s, gen_binop(&b, IR_mul, IR_I64, a, gen_const(&b, 3)));
                    if (variant == 3) { /* slow paths (FP static rounding, popcnt without POPCNT) */
                        ir_ref f = gen_fcvt_if(&b, IR_F64, IR_CVT_S64, a, IR_RM_RTZ);
                        ir_ref back = gen_fcvt_fi(&b, IR_F64, IR_CVT_S64, f, IR_RM_RNE);
                        s1 = gen_add(&b, IR_I64, s1, gen_add(&b, IR_I64, back,
                                                             gen_unop(&b, IR_popcnt, IR_I64, a)));
                    }
                    gen_set(&b, IR_I64, CPU_GPR(2), s1);
                    if (variant == 4) { /* many guest registers, plus ops on rax/rdx/rcx */
                        for (int g = 3; g <= 10; g++) {
                            ir_ref vg = gen_get(&b, IR_I64, CPU_GPR(g));
                            gen_set(&b, IR_I64, CPU_GPR(g), gen_xor(&b, IR_I64, gen_add(&b, IR_I64, vg, a),
                                                                   gen_const(&b, g)));
                        }
                        ir_ref q = gen_binop(&b, IR_div, IR_I64, s1, a);
                        ir_ref sh = gen_binop(&b, IR_shl, IR_I64, q, a);
                        ir_ref g11 = gen_get(&b, IR_I64, CPU_GPR(11));
                        gen_set(&b, IR_I64, CPU_GPR(11), gen_add(&b, IR_I64, g11, sh));
                    }
                    if (variant == 1) { /* a helper that reads and writes guest registers */
                        ir_ref r = gen_call(&b, (void *)helper_loop, IR_CALL_RW_STATE, 1, a1, 0, 0, 0);
                        ir_ref g4 = gen_get(&b, IR_I64, CPU_GPR(4));
                        gen_set(&b, IR_I64, CPU_GPR(5), gen_add(&b, IR_I64, r, g4));
                    }
                    if (variant == 2) /* leave the loop early through a side exit */
                        gen_exit_cond(&b, IR_I64, IR_EQ, a1, gen_get(&b, IR_I64, CPU_GPR(3)), 0x3000);
                    gen_insn_start(&b, 0x1008);
                    gen_exit_cond(&b, IR_I64, IR_NE, a1, gen_const(&b, 0), 0x1000);
                    gen_goto(&b, 0x2000);
                    if (opt)
                        ir_optimize(&b);
                    size_t size;
                    uint8_t *code = gen_code(&b, h ? host_all : 0, NULL, NULL, &size);
                    ir_block_free(&b);

                    memset(cpu->gpr, 0, sizeof(cpu->gpr));
                    cpu->gpr[1] = 20;
                    cpu->gpr[2] = 5;
                    cpu->gpr[3] = 7;
                    cpu->gpr[4] = 100;
                    /* the same in C */
                    uint64_t ea = 20, es = 5, e4 = 100, e5 = 0, epc = 0x2000, eg[12] = {0};
                    eg[3] = 7;
                    eg[4] = 100;
                    for (;;) {
                        uint64_t old = ea;
                        ea--;
                        es += old * 3;
                        if (variant == 4) {
                            for (int g = 3; g <= 10; g++)
                                eg[g] = (eg[g] + old) ^ (uint64_t)g;
                            eg[11] += (uint64_t)((int64_t)es / (int64_t)old) << (old & 63);
                        }
                        if (variant == 3)
                            es += old + (uint64_t)__builtin_popcountll(old);
                        if (variant == 1) {
                            e4 += 1;
                            e5 = (es ^ ea) + e4;
                        }
                        if (variant == 2 && ea == 7) {
                            epc = 0x3000;
                            break;
                        }
                        if (ea == 0)
                            break;
                    }
                    jit_exit_t r = 0;
                    int entries = 0;
                    for (; entries < 100; entries++) {
                        r = enter(cpu, code);
                        if (!is_field(code, size, r) || cpu->pc != 0x1000)
                            break;
                        if (chain) /* chain the back edge to the block itself */
                            __atomic_store_n((int32_t *)(uintptr_t)r,
                                             (int32_t)(code - ((uint8_t *)r + 4)), __ATOMIC_RELEASE);
                    }
                    bool many_ok = true;
                    for (int g = 3; g <= 11 && variant == 4; g++)
                        many_ok &= cpu->gpr[g] == eg[g];
                    if (!is_field(code, size, r) || cpu->pc != epc || cpu->gpr[1] != ea ||
                        cpu->gpr[2] != es || (variant == 1 && (cpu->gpr[4] != e4 || cpu->gpr[5] != e5)) ||
                        !many_ok)
                        fail_msg("loop variant %d opt %d chain %d hostf %d: exit %#" PRIxPTR " pc %#" PRIx64
                                 " x1 %" PRIu64 " x2 %" PRIu64 " x4 %" PRIu64 " x5 %#" PRIx64
                                 "; expected pc %#" PRIx64 " x1 %" PRIu64 " x2 %" PRIu64 " x4 %" PRIu64
                                 " x5 %#" PRIx64 " (%d entries)",
                                 variant, opt, chain, h, r, cpu->pc, cpu->gpr[1], cpu->gpr[2],
                                 cpu->gpr[4], cpu->gpr[5], epc, ea, es, e4, e5, entries);
                }
}

/* ---- random loops: generated code against an IR interpreter ---- */

static uint64_t rl_mem[16];
static uint64_t rl_rng = 0x243f6a8885a308d3ull;
static uint64_t rl_rnd(void)
{
    rl_rng ^= rl_rng << 13;
    rl_rng ^= rl_rng >> 7;
    rl_rng ^= rl_rng << 17;
    return rl_rng;
}

/* one pass through b; returns the guest pc it leaves for */
static uint64_t rl_interp(const struct ir_block *b, struct cpu *c)
{
    uint64_t *v = calloc((size_t)b->ntemps, sizeof(uint64_t));
    uint8_t *st = (uint8_t *)c;
    uint64_t pc = 0;
    for (int i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        uint64_t a[4];
        for (int k = 0; k < 4; k++)
            a[k] = op->arg[k] ? (b->temps[op->arg[k]].is_const ? (uint64_t)b->temps[op->arg[k]].val
                                                              : v[op->arg[k]]) : 0;
        switch (op->opc) {
        case IR_get: {
            uint64_t r = 0;
            memcpy(&r, st + op->imm, op->type == IR_I32 ? 4 : 8);
            v[op->dst] = r;
            break;
        }
        case IR_set:
            memcpy(st + op->imm, &a[0], op->type == IR_I32 ? 4 : 8);
            break;
        case IR_ld: {
            int size = 1 << (op->aux & MO_SIZE);
            uint64_t x = 0;
            memcpy(&x, (void *)(uintptr_t)(a[0] + (uint64_t)op->imm), (size_t)size);
            if ((op->aux & MO_SIGN) && size < 8)
                x = (uint64_t)((int64_t)(x << (64 - 8 * size)) >> (64 - 8 * size));
            v[op->dst] = x;
            break;
        }
        case IR_st:
            memcpy((void *)(uintptr_t)(a[0] + (uint64_t)op->imm), &a[1], (size_t)1 << (op->aux & MO_SIZE));
            break;
        case IR_insn_start:
            break;
        case IR_exit_cond:
            if (ir_eval_cond(op->type, op->cond, a[0], a[1])) {
                pc = (uint64_t)op->imm;
                goto out;
            }
            break;
        case IR_goto_pc:
            pc = (uint64_t)op->imm;
            goto out;
        default: {
            uint64_t r;
            if (!ir_eval_int(op->opc, op->type, op->cond, a[0], a[1], a[2], a[3], &r))
                fail_msg("rl_interp: cannot evaluate %s", ir_opdefs[op->opc].name);
            v[op->dst] = r;
            break;
        }
        }
    }
out:
    free(v);
    return pc;
}

/* a loop shaped like a frontend's: guest registers 1..14 read and written
 * (more than there are homes), flags, loads and stores through a base
 * register, forward skips (if-conversion), a counter in x15 that ends it and
 * random extra back edges */
static void rl_block(struct ir_block *b)
{
    static const enum ir_opc bin[] = {IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andn,
                                      IR_orn, IR_xnor, IR_shl, IR_shr, IR_sar, IR_rotl, IR_rotr,
                                      IR_add, IR_xor, IR_mulhu, IR_divu, IR_rem};
    static const enum ir_opc un[] = {IR_neg, IR_not, IR_sext32, IR_zext8, IR_clz, IR_popcnt};
    static const int32_t flag_off[] = {CPU_OFF(nf), CPU_OFF(zf), CPU_OFF(cf), CPU_OFF(vf)};
    int n = 4 + (int)(rl_rnd() % 40);
    int counter_at = (int)(rl_rnd() % (uint64_t)n);
    int nregs = 4 + (int)(rl_rnd() % 11);
    for (int k = 0; k < n; k++) {
        gen_insn_start(b, 0x1000 + 4 * (uint64_t)k);
        int kind = (int)(rl_rnd() % 100);
        int r1 = 1 + (int)(rl_rnd() % nregs), r2 = 1 + (int)(rl_rnd() % nregs);
        int rd = 1 + (int)(rl_rnd() % nregs);
        enum ir_type ty = rl_rnd() & 1 ? IR_I64 : IR_I32;
        ir_ref a = gen_get(b, IR_I64, CPU_GPR(r1));
        ir_ref c = rl_rnd() % 4 ? gen_get(b, rl_rnd() % 5 ? IR_I64 : IR_I32, CPU_GPR(r2))
                                : gen_const(b, rl_rnd() & 1 ? (int64_t)(rl_rnd() % 200) - 100
                                                            : (int64_t)rl_rnd());
        if (k == counter_at) {
            ir_ref cnt = gen_sub(b, IR_I64, gen_get(b, IR_I64, CPU_GPR(15)), gen_const(b, 1));
            gen_set(b, IR_I64, CPU_GPR(15), cnt);
            gen_exit_cond(b, IR_I64, IR_NE, cnt, gen_const(b, 0), 0x1000);
        } else if (kind < 50) {
            enum ir_opc opc = bin[rl_rnd() % (sizeof(bin) / sizeof(bin[0]))];
            if (opc == IR_mulhu)
                ty = IR_I64;
            ir_ref r = gen_binop(b, opc, ty, a, c);
            if (rl_rnd() % 3 == 0) /* a second op on the result before the set */
                r = gen_binop(b, IR_add, IR_I64, r, a);
            gen_set(b, IR_I64, CPU_GPR(rd), r);
            if (rl_rnd() % 3 == 0)
                gen_set(b, IR_I64, flag_off[rl_rnd() % 4], gen_xor(b, IR_I64, r, c));
        } else if (kind < 58) {
            gen_set(b, IR_I64, CPU_GPR(rd), gen_unop(b, un[rl_rnd() % (sizeof(un) / sizeof(un[0]))], ty, a));
        } else if (kind < 64) {
            gen_set(b, IR_I64, CPU_GPR(rd), gen_get(b, IR_I64, flag_off[rl_rnd() % 4]));
        } else if (kind < 70) {
            gen_exit_cond(b, ty, (int)(rl_rnd() % IR_NUM_CONDS), a, c,
                          rl_rnd() % 3 ? 0x1000 : 0x4000 + 4 * (uint64_t)k);
        } else if (kind < 78) {
            uint64_t target = 0x1000 + 4 * (uint64_t)(k + 1 + (int)(rl_rnd() % 3));
            gen_exit_cond(b, ty, (int)(rl_rnd() % IR_NUM_CONDS), a, c, target);
        } else if (kind < 85) {
            ir_ref base = gen_get(b, IR_I64, CPU_GPR(20));
            ir_ref idx = gen_binop(b, IR_shl, IR_I64, gen_binop(b, IR_and, IR_I64, a, gen_const(b, 7)),
                                   gen_const(b, 3));
            gen_set(b, IR_I64, CPU_GPR(rd), gen_ld(b, (unsigned)(rl_rnd() % 8), gen_add(b, IR_I64, base, idx),
                                                   (int32_t)(8 * (rl_rnd() % 8))));
        } else if (kind < 90) {
            ir_ref base = gen_get(b, IR_I64, CPU_GPR(20));
            gen_st(b, (unsigned)(rl_rnd() % 4), base, (int32_t)(8 * (rl_rnd() % 15)), c);
        } else if (kind < 95) {
            int cond = (int)(rl_rnd() % IR_NUM_CONDS);
            gen_set(b, IR_I64, CPU_GPR(rd), gen_select(b, ty, cond, a, c, gen_get(b, IR_I64, CPU_GPR(rd)), a));
        } else if (kind < 97) {
            gen_set(b, IR_I64, CPU_GPR(rd), a); /* a register move */
        } else { /* base + index << 1..3 kept as a value (a lea) */
            ir_ref sh = gen_binop(b, IR_shl, IR_I64, c, gen_const(b, 1 + (int64_t)(rl_rnd() % 3)));
            gen_set(b, IR_I64, CPU_GPR(rd), gen_add(b, IR_I64, rl_rnd() & 1 ? a : sh, rl_rnd() & 1 ? sh : a));
        }
    }
    gen_goto(b, 0x1000 + 4 * (uint64_t)n);
}

static void test_random_loops(void **state)
{
    (void)state;
    struct cpu *ref = aligned_alloc(64, (sizeof(struct cpu) + 63) & ~(size_t)63);
    assert_non_null(ref);
    uint64_t mem0[16], memref[16];
    int fails = 0, compared = 0;
    for (int iter = 0; iter < 1500; iter++) {
        if ((iter & 63) == 0)
            cursor = blocks_start;
        struct ir_block b;
        ir_block_init(&b, 0x1000);
        rl_block(&b);
        if (rl_rnd() % 4)
            ir_optimize(&b);
        uint64_t hostf = rl_rnd() & 1 ? host_all : 0;
        cursor = (uint8_t *)(((uintptr_t)cursor + 63) & ~(uintptr_t)63);
        struct xbuf xb;
        xb_init(&xb, cursor, (size_t)(region + REGION_SIZE - cursor));
        struct tb_mark *m = NULL;
        uint32_t nm = 0;
        if (x86_gen_block(&b, &xb, hostf, epilogue, slow_thunk, &m, &nm) != 0) {
            free(m);
            m = NULL;
            xb_init(&xb, cursor, (size_t)(region + REGION_SIZE - cursor));
            if (x86_gen_block(&b, &xb, hostf | HOSTF_NO_HOMES, epilogue, slow_thunk, &m, &nm) != 0)
                fail_msg("iteration %d: no code for the block", iter);
        }
        free(m);
        uint8_t *code = cursor;
        size_t size = (size_t)(xb.p - code);
        cursor = xb.p;

        memset(cpu->gpr, 0, sizeof(cpu->gpr));
        for (int k = 1; k <= 14; k++)
            cpu->gpr[k] = rl_rnd() % 3 ? rl_rnd() : (uint64_t)(rl_rnd() % 64);
        cpu->gpr[15] = 1 + rl_rnd() % 8;
        cpu->gpr[20] = (uint64_t)(uintptr_t)rl_mem;
        cpu->nf = rl_rnd();
        cpu->zf = rl_rnd() & 1;
        cpu->cf = rl_rnd() & 1;
        cpu->vf = rl_rnd();
        for (int k = 0; k < 16; k++)
            mem0[k] = rl_rnd();
        memcpy(ref, cpu, sizeof(*cpu));
        memcpy(rl_mem, mem0, sizeof(mem0));
        uint64_t epc = 0x1000;
        int it;
        for (it = 0; it < 100 && epc == 0x1000; it++)
            epc = rl_interp(&b, ref);
        memcpy(memref, rl_mem, sizeof(memref));
        memcpy(rl_mem, mem0, sizeof(mem0));
        if (epc == 0x1000) { /* the reference still loops: skip */
            ir_block_free(&b);
            continue;
        }
        bool chain = rl_rnd() & 1;
        jit_exit_t r = 0;
        for (int k = 0; k < 100; k++) {
            r = enter(cpu, code);
            if (!is_field(code, size, r) || cpu->pc != 0x1000)
                break;
            if (chain)
                __atomic_store_n((int32_t *)(uintptr_t)r, (int32_t)(code - ((uint8_t *)r + 4)),
                                 __ATOMIC_RELEASE);
        }
        compared++;
        bool same = is_field(code, size, r) && cpu->pc == epc &&
                    !memcmp(cpu->gpr, ref->gpr, sizeof(cpu->gpr)) && cpu->nf == ref->nf &&
                    cpu->zf == ref->zf && cpu->cf == ref->cf && cpu->vf == ref->vf &&
                    !memcmp(rl_mem, memref, sizeof(memref));
        if (!same && ++fails <= 3) {
            print_error("iteration %d (hostf %#" PRIx64 ", chain %d): pc %#" PRIx64 " expected %#" PRIx64 "\n",
                        iter, hostf, chain, cpu->pc, epc);
            for (int k = 0; k < 32; k++)
                if (cpu->gpr[k] != ref->gpr[k])
                    print_error("  x%d: %#" PRIx64 " expected %#" PRIx64 "\n", k, cpu->gpr[k], ref->gpr[k]);
            if (cpu->nf != ref->nf || cpu->zf != ref->zf || cpu->cf != ref->cf || cpu->vf != ref->vf)
                print_error("  flags differ\n");
            if (memcmp(rl_mem, memref, sizeof(memref)))
                print_error("  memory differs\n");
        }
        ir_block_free(&b);
    }
    free(ref);
    assert_int_equal(fails, 0);
    assert_true(compared > 1000);
}

static void test_goto_ind_jump_cache(void **state)
{
    (void)state;
    static const uint64_t targets[] = {0x5000, 0x5002, 0x123456789abcull, 0x2000 + 2 * JC_SIZE};
    for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
        cursor = blocks_start;
        uint64_t pc = targets[i];
        struct ir_block t;
        ir_block_init(&t, pc);
        gen_set(&t, IR_I64, CPU_GPR(3), gen_const(&t, 0x77));
        gen_exit(&t, EXIT_LOOKUP, 0x9000);
        uint8_t *tcode = gen_code(&t, host_all, NULL, NULL, NULL);
        ir_block_free(&t);

        struct ir_block b;
        ir_block_init(&b, 0x1000);
        ir_ref x = gen_get(&b, IR_I64, CPU_GPR(1));
        gen_goto_ind(&b, gen_add(&b, IR_I64, x, gen_const(&b, 0)), IR_JMP_PLAIN);
        ir_optimize(&b);
        uint8_t *code = gen_code(&b, host_all, NULL, NULL, NULL);
        ir_block_free(&b);

        memset(cpu->jc, 0, sizeof(cpu->jc));
        cpu->gpr[1] = pc;
        cpu->gpr[3] = 0;
        assert_int_equal(enter(cpu, code), EXIT_LOOKUP); /* miss */
        assert_int_equal(cpu->pc, pc);
        assert_int_equal(cpu->gpr[3], 0);
        /* an entry for another pc in the same jc line is still a miss */
        struct jc_entry *e = &cpu->jc[(pc >> JC_SHIFT) & (JC_SIZE - 1)];
        e->guest_pc = pc + 2 * JC_SIZE;
        e->host = tcode;
        assert_int_equal(enter(cpu, code), EXIT_LOOKUP);
        assert_int_equal(cpu->gpr[3], 0);
        /* hit */
        e->guest_pc = pc;
        assert_int_equal(enter(cpu, code), EXIT_LOOKUP);
        assert_int_equal(cpu->pc, 0x9000);
        assert_int_equal(cpu->gpr[3], 0x77);
    }
    memset(cpu->jc, 0, sizeof(cpu->jc));
}

static void test_insn_marks(void **state)
{
    (void)state;
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    ir_ref base = gen_get(&b, IR_I64, CPU_GPR(10));
    for (int i = 0; i < 10; i++) {
        gen_insn_start(&b, 0x1000 + 4 * (uint64_t)i);
        gen_st(&b, MO_64, base, 8 * i, gen_const(&b, i));
    }
    gen_exit(&b, EXIT_LOOKUP, 0x1028);
    struct tb_mark *marks;
    uint32_t nmarks;
    size_t size;
    uint8_t *code = gen_code(&b, host_all, &marks, &nmarks, &size);
    ir_block_free(&b);
    /* the insn marks come first; the block's state map follows (TBM_META) */
    uint32_t ninsn = 0;
    while (ninsn < nmarks && !(marks[ninsn].host_off & TBM_META))
        ninsn++;
    assert_int_equal(ninsn, 10);
    for (uint32_t i = ninsn; i < nmarks; i++)
        assert_true(marks[i].host_off & TBM_META);
    for (uint32_t i = 0; i < ninsn; i++) {
        assert_int_equal(marks[i].guest_pc, 0x1000 + 4 * (uint64_t)i);
        assert_true(marks[i].host_off < size);
        if (i)
            assert_true(marks[i].host_off > marks[i - 1].host_off);
    }
    free(marks);
    uint64_t mem[10] = {0};
    cpu->gpr[10] = (uintptr_t)mem;
    assert_int_equal(enter(cpu, code), EXIT_LOOKUP);
    for (int i = 0; i < 10; i++)
        assert_int_equal(mem[i], (uint64_t)i);
}

/* guest state access of every type through get/set */
static void test_get_set(void **state)
{
    (void)state;
    for (int opt = 0; opt < 2; opt++) {
        memset(cpu->gpr, 0, sizeof(cpu->gpr));
        cpu->gpr[1] = 0xfedcba9876543210ull;
        cpu->fpr[1] = f64b(2.5);
        cpu->fpr[2] = 0xffffffff00000000ull | f32b(1.25f);
        struct ir_block b;
        ir_block_init(&b, 0x1000);
        gen_set(&b, IR_I64, CPU_GPR(2), gen_get(&b, IR_I32, CPU_GPR(1)));     /* zero-extends */
        gen_set(&b, IR_I64, CPU_GPR(3), gen_get(&b, IR_I32, CPU_GPR(1) + 4)); /* high half */
        gen_set(&b, IR_I32, CPU_GPR(4), gen_get(&b, IR_I64, CPU_GPR(1)));     /* low half only */
        ir_ref d = gen_get(&b, IR_F64, CPU_FPR(1));
        gen_set(&b, IR_F64, CPU_FPR(3), gen_fbin(&b, IR_fadd, IR_F64, d, d, IR_RM_DYN, 0));
        ir_ref s = gen_get(&b, IR_F32, CPU_FPR(2));
        gen_set(&b, IR_F32, CPU_FPR(4), gen_fbin(&b, IR_fmul, IR_F32, s, s, IR_RM_DYN, 0));
        gen_set(&b, IR_I64, CPU_GPR(5), gen_const(&b, 0x123456789abcdef0ll)); /* not an imm32 */
        gen_set(&b, IR_I64, CPU_GPR(6), gen_const(&b, -2));
        gen_set(&b, IR_I32, CPU_GPR(7), gen_const(&b, 0x89abcdef));
        gen_set(&b, IR_F64, CPU_FPR(5), gen_fconst(&b, IR_F64, f64b(-0.5)));
        gen_set(&b, IR_F32, CPU_FPR(6), gen_fconst(&b, IR_F32, f32b(3.0f)));
        gen_exit(&b, EXIT_LOOKUP, 0x4242);
        if (opt)
            ir_optimize(&b);
        cpu->gpr[4] = cpu->gpr[7] = 0x1111111111111111ull;
        cpu->fpr[4] = cpu->fpr[6] = 0x2222222222222222ull;
        uint8_t *code = gen_code(&b, host_all, NULL, NULL, NULL);
        ir_block_free(&b);
        assert_int_equal(enter(cpu, code), EXIT_LOOKUP);
        assert_int_equal(cpu->gpr[2], 0x76543210);
        assert_int_equal(cpu->gpr[3], 0xfedcba98);
        assert_int_equal(cpu->gpr[4], 0x1111111176543210ull);
        assert_int_equal(cpu->fpr[3], f64b(5.0));
        assert_int_equal(cpu->fpr[4], 0x2222222200000000ull | f32b(1.5625f));
        assert_int_equal(cpu->gpr[5], 0x123456789abcdef0ull);
        assert_int_equal(cpu->gpr[6], (uint64_t)-2);
        assert_int_equal(cpu->gpr[7], 0x1111111189abcdefull);
        assert_int_equal(cpu->fpr[5], f64b(-0.5));
        assert_int_equal(cpu->fpr[6], 0x2222222200000000ull | f32b(3.0f));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_int_binops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_int_unops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_setcond_select, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stores, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cmpxchg, setup, teardown),
        cmocka_unit_test_setup_teardown(test_register_pressure_and_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fixed_register_ops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spill_exhaustion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_buffer_overflow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_side_exits_and_chaining, setup, teardown),
        cmocka_unit_test_setup_teardown(test_self_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_loops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_goto_ind_jump_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insn_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_set, setup, teardown),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_fp*' */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
