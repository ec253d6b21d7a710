/* test_backend.c — the x86-64 backend, end to end: IR blocks are generated
 * with x86_gen_block into an RWX buffer and executed.
 *
 * The buffer starts with a runtime of our own, laid out like the one in
 * jit/cache.c (prologue = jit_enter(cpu, code), epilogue, register-preserving
 * slow-path thunk), so blocks run exactly as they do under the dispatcher,
 * but no frontend or code cache is involved. Blocks read their inputs with
 * `ld` from a host array (guest address == host address, base pointer in
 * guest register 10) or as constants, and `st` every result to an output
 * array (base in guest register 11); guest state is a real struct cpu.
 *
 * Every block is generated four times — with and without ir_optimize, for the
 * detected host features and for none (no BMI/LZCNT/POPCNT/FMA: the fallback
 * sequences and slow paths) — and every run is checked against values
 * computed in C (ir_eval_int for integer ops, whose own semantics are checked
 * in test_ir_opt.c; host FP arithmetic under an explicitly set MXCSR for FP).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cpuid.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include "jit/jit.h"
#include "jit/x86_be.h"
#include "runner/tern.h"

int x86_gen_block(struct ir_block *b, struct xbuf *xb, uint64_t hostf, const uint8_t *epilogue,
                  const uint8_t *slow_thunk, struct tb_mark **marks, uint32_t *nmarks);

/* ---- runtime: same layout and conventions as gen_runtime in jit/cache.c ---- */

#define REGION_SIZE (64u << 20)
static uint8_t *region, *blocks_start, *cursor;
static jit_exit_t (*enter)(struct cpu *, const void *);
static const uint8_t *epilogue, *slow_thunk;
static struct cpu *cpu;
static uint64_t host_all; /* HOSTF_* of this machine */

static uint64_t detect_features(void)
{
    unsigned a, b, c, d;
    uint64_t f = 0;
    bool osxsave = false;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        if (c & (1u << 23)) f |= HOSTF_POPCNT;
        if (c & (1u << 12)) f |= HOSTF_FMA;
        osxsave = (c & (1u << 27)) != 0;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        if (b & (1u << 3)) f |= HOSTF_BMI1;
        if (b & (1u << 8)) f |= HOSTF_BMI2;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d) && (c & (1u << 5)))
        f |= HOSTF_LZCNT;
    if (!osxsave) /* VEX encodings need the OS to manage AVX state */
        f &= ~(uint64_t)(HOSTF_FMA | HOSTF_BMI1 | HOSTF_BMI2);
    return f;
}

static void gen_test_runtime(void)
{
    static const int8_t callee_saved[] = {RBX, RBP, R12, R13, R14, R15};
    static const int8_t saved[] = {RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11};
    struct xbuf xb;
    xb_init(&xb, region, 4096);
    enter = (jit_exit_t (*)(struct cpu *, const void *))(void *)xb.p;
    for (unsigned i = 0; i < sizeof(callee_saved); i++)
        emit_push(&xb, callee_saved[i]);
    emit_alu_rm_i(&xb, ALU_SUB, true, RM_R(RSP), BE_FRAME);
    emit_lea(&xb, true, CPU_REG, RM_M(RDI, CPU_BIAS));
    emit_jmp_rm(&xb, RM_R(RSI));
    while ((uintptr_t)xb.p & 15) emit_u8(&xb, 0xcc);
    epilogue = xb.p;
    emit_alu_rm_i(&xb, ALU_ADD, true, RM_R(RSP), BE_FRAME);
    for (int i = (int)sizeof(callee_saved) - 1; i >= 0; i--)
        emit_pop(&xb, callee_saved[i]);
    emit_ret(&xb);
    while ((uintptr_t)xb.p & 15) emit_u8(&xb, 0xcc);
    slow_thunk = xb.p;
    for (unsigned i = 0; i < sizeof(saved); i++)
        emit_push(&xb, saved[i]);
    emit_alu_rm_i(&xb, ALU_SUB, true, RM_R(RSP), 256);
    for (int i = 0; i < 16; i++)
        emit_insn(&xb, 0, 0x0f11, 2, i, RM_M(RSP, 16 * i), 0, 0); /* movups */
    emit_lea(&xb, true, RDI, RM_M(CPU_REG, -CPU_BIAS));
    emit_insn(&xb, 0, 0xff, 1, 2, RM_M(CPU_REG, CPU_OFF(scratch[3]) - CPU_BIAS), 0, 0);
    for (int i = 0; i < 16; i++)
        emit_insn(&xb, 0, 0x0f10, 2, i, RM_M(RSP, 16 * i), 0, 0);
    emit_alu_rm_i(&xb, ALU_ADD, true, RM_R(RSP), 256);
    for (int i = (int)sizeof(saved) - 1; i >= 0; i--)
        emit_pop(&xb, saved[i]);
    emit_ret(&xb);
    while ((uintptr_t)xb.p & 63) emit_u8(&xb, 0xcc);
    assert_false(xb.overflow);
    blocks_start = cursor = xb.p;
}

static void on_hang(int sig)
{
    (void)sig;
    fail_msg("timed out: code generation or the generated code does not terminate");
}

static int group_setup(void **state)
{
    (void)state;
    void *m = mmap(NULL, REGION_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED)
        return -1;
    region = m;
    cpu = aligned_alloc(64, (sizeof(struct cpu) + 63) & ~(size_t)63);
    if (!cpu)
        return -1;
    gen_test_runtime();
    host_all = detect_features();
    /* a hang in code generation or in generated code fails the test (cmocka
     * leaves it with a longjmp, as for a fault); SA_NODEFER: the handler is
     * left that way, the signal must not stay blocked */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_hang;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGALRM, &sa, NULL);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    munmap(region, REGION_SIZE);
    free(cpu);
    return 0;
}

static int total_fail;

static int setup(void **state)
{
    (void)state;
    memset(cpu, 0, sizeof(*cpu));
    cpu->frm = IR_RM_RNE;
    fpu_load(cpu);
    fpu_set_flags(cpu, 0);
    cursor = blocks_start;
    total_fail = 0;
    alarm(30);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    alarm(0);
    fpu_load(cpu); /* in case a test was left in the middle of a run */
    return 0;
}

/* ---- generating and running blocks ---- */

static void clone_block(struct ir_block *dst, const struct ir_block *src)
{
    ir_block_init(dst, src->guest_pc);
    dst->ntemps = 0;
    while (dst->ntemps < src->ntemps)
        ir_new_temp(dst, IRK_INT);
    memcpy(dst->temps, src->temps, sizeof(struct ir_temp) * (size_t)src->ntemps);
    for (int i = 0; i < src->nops; i++)
        *ir_push(dst, IR_add, IR_I64) = src->ops[i];
    dst->guest_end = src->guest_end;
    dst->ninsns = src->ninsns;
}

/* generate b at the cursor; returns the code, advances the cursor */
static uint8_t *gen_code(struct ir_block *b, uint64_t hostf, struct tb_mark **marks,
                         uint32_t *nmarks, size_t *size)
{
    cursor = (uint8_t *)(((uintptr_t)cursor + 63) & ~(uintptr_t)63);
    struct xbuf xb;
    xb_init(&xb, cursor, (size_t)(region + REGION_SIZE - cursor));
    struct tb_mark *m = NULL;
    uint32_t nm = 0;
    int rc = x86_gen_block(b, &xb, hostf, epilogue, slow_thunk, &m, &nm);
    if (rc != 0)
        fail_msg("x86_gen_block failed (%d) for a block of %d ops", rc, b->nops);
    uint8_t *code = cursor;
    cursor = xb.p;
    if (size)
        *size = (size_t)(xb.p - code);
    if (marks) {
        *marks = m;
        *nmarks = nm;
    } else {
        free(m);
    }
    return code;
}

/* one test block: inputs from in[], results to out[] with expectations */
#define MAXIO 8192
enum { EXACT, ANY_NAN64, ANY_NAN32 };
struct tcase {
    struct ir_block b;
    ir_ref in, out;
    int nin, nout;
    uint64_t inv[MAXIO];
    uint64_t exp[MAXIO];
    uint8_t kind[MAXIO];
    char desc[MAXIO][112];
};
static struct tcase tc;
static uint64_t outv[MAXIO];
static bool mem_slots; /* memarea is 16-byte slots, slot k belongs to output k */
static void (*pre_run)(void);
static int (*post_run)(const char *variant); /* returns the number of failures */

static void begin(void)
{
    ir_block_init(&tc.b, 0x10000);
    tc.nin = tc.nout = 0;
    tc.in = gen_get(&tc.b, IR_I64, CPU_GPR(10));
    tc.out = gen_get(&tc.b, IR_I64, CPU_GPR(11));
    pre_run = NULL;
    post_run = NULL;
    mem_slots = false;
}

static ir_ref in64(uint64_t v)
{
    assert_true(tc.nin < MAXIO);
    tc.inv[tc.nin] = v;
    return gen_ld(&tc.b, MO_64, tc.in, 8 * tc.nin++);
}

static ir_ref operand(uint64_t v, bool as_const)
{
    return as_const ? gen_const(&tc.b, (int64_t)v) : in64(v);
}

static void expect_k(ir_ref r, uint64_t v, int kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void expect_k(ir_ref r, uint64_t v, int kind, const char *fmt, ...)
{
    assert_true(tc.nout < MAXIO);
    gen_st(&tc.b, MO_64, tc.out, 8 * tc.nout, r);
    tc.exp[tc.nout] = v;
    tc.kind[tc.nout] = (uint8_t)kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tc.desc[tc.nout], sizeof(tc.desc[0]), fmt, ap);
    va_end(ap);
    tc.nout++;
}

static bool matches(uint64_t got, uint64_t exp, int kind)
{
    double d;
    float f;
    uint32_t u = (uint32_t)got;
    switch (kind) {
    case ANY_NAN64:
        memcpy(&d, &got, 8);
        return isnan(d);
    case ANY_NAN32:
        memcpy(&f, &u, 4);
        return isnan(f) && got >> 32 == 0;
    default:
        return got == exp;
    }
}

static void run_variant(struct ir_block *b, uint64_t hostf, const char *variant, int dyn_rm)
{
    uint8_t *mark = cursor;
    uint8_t *code = gen_code(b, hostf, NULL, NULL, NULL);
    for (int k = 0; k < tc.nout; k++)
        outv[k] = 0xcccccccccccccccc;
    if (pre_run)
        pre_run();
    cpu->gpr[10] = (uintptr_t)tc.inv;
    cpu->gpr[11] = (uintptr_t)outv;
    cpu->pc = 0;
    if (dyn_rm >= 0)
        fpu_set_rounding(cpu, dyn_rm);
    jit_exit_t r = enter(cpu, code);
    if (dyn_rm >= 0)
        fpu_set_rounding(cpu, IR_RM_RNE);
    cursor = mark;
    if (r != EXIT_LOOKUP || cpu->pc != 0x4242) {
        total_fail++;
        print_error("[%s] block exited with %#" PRIxPTR " pc %#" PRIx64 "\n", variant, r, cpu->pc);
        return;
    }
    for (int k = 0; k < tc.nout; k++)
        if (!matches(outv[k], tc.exp[k], tc.kind[k])) {
            if (++total_fail <= 30)
                print_error("%s [%s]: got %#" PRIx64 " expected %s%#" PRIx64 "\n", tc.desc[k],
                            variant, outv[k], tc.kind[k] ? "a NaN, e.g. " : "", tc.exp[k]);
        }
    if (post_run)
        total_fail += post_run(variant);
}

/* end the block and run it: unoptimized and optimized, with all host
 * features and with none; dyn_rm >= 0 sets the dynamic rounding mode */
static void finish_rm(int dyn_rm)
{
    gen_exit(&tc.b, EXIT_LOOKUP, 0x4242);
    const uint64_t hf[2] = {host_all, 0};
    for (int opt = 0; opt < 2; opt++)
        for (int h = 0; h < 2; h++) {
            struct ir_block copy;
            clone_block(&copy, &tc.b);
            if (opt)
                ir_optimize(&copy);
            char variant[64];
            snprintf(variant, sizeof(variant), "%s, hostf %#" PRIx64, opt ? "optimized" : "raw IR",
                     hf[h]);
            run_variant(&copy, hf[h], variant, dyn_rm);
            ir_block_free(&copy);
        }
    ir_block_free(&tc.b);
}

static void finish(void) { finish_rm(-1); }

static void done(void)
{
    if (total_fail)
        print_error("%d failures\n", total_fail);
    assert_int_equal(total_fail, 0);
}

/* ---- integer ops ---- */

static const uint64_t ivals[] = {
    0, 1, 2, (uint64_t)-1, (uint64_t)-2, 0xffffffff80000000ull, 0x80000000, 0x7fffffff,
    0xffffffff, 0x100000000ull, 0x8000000000000000ull, 0x7fffffffffffffffull, 31, 32, 63, 64, 65,
    0x123456789abcdef0ull, 0xdeadbeef, 0xfedcba9876543210ull, 0x0000000100000007ull, 7};
#define NIVALS (sizeof(ivals) / sizeof(ivals[0]))

static uint64_t rng_state = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static const char *tyn(int ty) { return ty == IR_I32 ? "i32" : ty == IR_I64 ? "i64" : ty == IR_F32 ? "f32" : "f64"; }
static const char *const mode_names[] = {"reg,reg", "reg,const", "const,reg", "same temp",
                                         "const,const", "reg,reg live after", "reg,const live after",
                                         "const,reg live after"};
/* the "live after" modes keep the register operands alive past the op, so the
 * result cannot take over an operand's register */
enum { M_RR, M_RC, M_CR, M_SAME, M_CC, M_NUM_BASE, M_RR_LIVE = M_NUM_BASE, M_RC_LIVE, M_CR_LIVE,
       M_NUM };
static int base_mode(int mode) { return mode >= M_NUM_BASE ? mode - M_NUM_BASE : mode; }

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

/* ---- register pressure, helper calls ---- */

static int helper_calls, helper_bad, helper_writes_state;
static uint64_t helper_args[4];

static uint64_t __attribute__((noinline)) helper4(struct cpu *c, uint64_t a0, uint64_t a1,
                                                  uint64_t a2, uint64_t a3)
{
    helper_calls++;
    if (c != cpu)
        helper_bad |= 1;
    if (((uintptr_t)__builtin_frame_address(0) & 15) != 0) /* rsp 16-aligned at the call */
        helper_bad |= 2;
    helper_args[0] = a0;
    helper_args[1] = a1;
    helper_args[2] = a2;
    helper_args[3] = a3;
    /* destroy every caller-saved register */
    __asm__ volatile("mov $-1, %%rax\n\tmov $-1, %%rcx\n\tmov $-1, %%rdx\n\tmov $-1, %%rsi\n\t"
                     "mov $-1, %%rdi\n\tmov $-1, %%r8\n\tmov $-1, %%r9\n\tmov $-1, %%r10\n\t"
                     "mov $-1, %%r11\n\t"
                     "pcmpeqd %%xmm0, %%xmm0\n\tpcmpeqd %%xmm1, %%xmm1\n\tpcmpeqd %%xmm2, %%xmm2\n\t"
                     "pcmpeqd %%xmm3, %%xmm3\n\tpcmpeqd %%xmm4, %%xmm4\n\tpcmpeqd %%xmm5, %%xmm5\n\t"
                     "pcmpeqd %%xmm6, %%xmm6\n\tpcmpeqd %%xmm7, %%xmm7\n\tpcmpeqd %%xmm8, %%xmm8\n\t"
                     "pcmpeqd %%xmm9, %%xmm9\n\tpcmpeqd %%xmm10, %%xmm10\n\tpcmpeqd %%xmm11, %%xmm11\n\t"
                     "pcmpeqd %%xmm12, %%xmm12\n\tpcmpeqd %%xmm13, %%xmm13\n\tpcmpeqd %%xmm14, %%xmm14\n\t"
                     "pcmpeqd %%xmm15, %%xmm15\n\t"
                     ::: "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "xmm0", "xmm1",
                     "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
                     "xmm12", "xmm13", "xmm14", "xmm15", "memory");
    if (helper_writes_state)
        c->gpr[5] += 1000; /* guest state written by an RW_STATE helper */
    return a0 * 3 + a1 * 5 + a2 * 7 + a3 * 11;
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
static uint64_t f64b(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }
static double bf64(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static uint64_t f32b(float f) { uint32_t v; memcpy(&v, &f, 4); return v; }
static float bf32(uint64_t v) { uint32_t u = (uint32_t)v; float f; memcpy(&f, &u, 4); return f; }

static void test_fp_pressure_and_slow_path(void **state)
{
    (void)state;
    enum { N = 24 };
    for (int variant = 0; variant < 3; variant++) {
        begin();
        helper_calls = helper_bad = helper_writes_state = 0;
        ir_ref f[N], s[N], x[N];
        double fv[N];
        for (int i = 0; i < N; i++) {
            fv[i] = 1.5 + i * 0.25;
            f[i] = gen_bitcast(&tc.b, IR_F64, in64(f64b(fv[i])));
            x[i] = in64(0x0101010101010101ull * (uint64_t)i);
        }
        for (int i = 0; i < N; i++)
            s[i] = gen_fbin(&tc.b, IR_fmul, IR_F64, f[i], f[(i + 5) % N], IR_RM_DYN, 0);
        if (variant == 0) {
            ir_ref c = gen_call(&tc.b, (void *)helper4, 0, 4, x[0], x[1], x[2], x[3]);
            expect_k(c, 0 * 3 + 0x0101010101010101ull * 5 + 0x0202020202020202ull * 7 +
                            0x0303030303030303ull * 11, EXACT, "helper result");
        } else {
            /* static rounding (variant 1) / unsigned conversion (variant 2): slow path */
            ir_ref r = variant == 1 ? gen_fbin(&tc.b, IR_fadd, IR_F64, f[0], f[1], IR_RM_RTZ, 0)
                                    : gen_fcvt_if(&tc.b, IR_F64, IR_CVT_U64, x[5], IR_RM_RNE);
            expect_k(gen_bitcast(&tc.b, IR_I64, r),
                     variant == 1 ? f64b(fv[0] + fv[1]) : f64b((double)(0x0101010101010101ull * 5)),
                     EXACT, "slow-path result");
        }
        for (int i = 0; i < N; i++) {
            expect_k(gen_bitcast(&tc.b, IR_I64, s[i]), f64b(fv[i] * fv[(i + 5) % N]), EXACT,
                     "f%d*f%d after the call/slow path", i, (i + 5) % N);
            expect_k(gen_bitcast(&tc.b, IR_I64, f[i]), f64b(fv[i]), EXACT, "f%d after", i);
            expect_k(x[i], 0x0101010101010101ull * (uint64_t)i, EXACT, "x%d after", i);
        }
        finish();
        assert_int_equal(helper_bad, 0);
    }
    done();
}

/* more temps than spill slots: the generator must fail cleanly */
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
    assert_int_equal(nmarks, 10);
    for (uint32_t i = 0; i < nmarks; i++) {
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

/* ---- floating point ---- */

static inline uint32_t get_mxcsr(void)
{
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}
static inline void set_mxcsr(uint32_t m) { __asm__ volatile("ldmxcsr %0" : : "m"(m)); }
static uint32_t rc_bits(int rm)
{
    return rm == IR_RM_RTZ ? 3 : rm == IR_RM_RDN ? 1 : rm == IR_RM_RUP ? 2 : 0;
}

/* host arithmetic in rounding mode rm; *flags gets the MXCSR exception bits */
static uint64_t ref_fop(int opc, int ty, unsigned cond, uint64_t A, uint64_t B, uint64_t C, int rm,
                        uint32_t *flags)
{
    uint32_t old = get_mxcsr();
    uint64_t res;
    bool np = cond & IR_FMA_NEG_PROD, na = cond & IR_FMA_NEG_ADD;
    set_mxcsr((old & ~0x603fu) | rc_bits(rm) << 13);
    if (ty == IR_F64) {
        double a = bf64(A), b = bf64(B), c = bf64(C), r = 0;
        __asm__ volatile("" : "+x"(a), "+x"(b), "+x"(c));
        switch (opc) {
        case IR_fadd: r = a + b; break;
        case IR_fsub: r = a - b; break;
        case IR_fmul: r = a * b; break;
        case IR_fdiv: r = a / b; break;
        case IR_fsqrt: __asm__ volatile("sqrtsd %1, %0" : "=x"(r) : "x"(a)); break;
        case IR_fma: r = fma(np ? -a : a, b, na ? -c : c); break;
        }
        __asm__ volatile("" : "+x"(r));
        res = f64b(r);
    } else {
        float a = bf32(A), b = bf32(B), c = bf32(C), r = 0;
        __asm__ volatile("" : "+x"(a), "+x"(b), "+x"(c));
        switch (opc) {
        case IR_fadd: r = a + b; break;
        case IR_fsub: r = a - b; break;
        case IR_fmul: r = a * b; break;
        case IR_fdiv: r = a / b; break;
        case IR_fsqrt: __asm__ volatile("sqrtss %1, %0" : "=x"(r) : "x"(a)); break;
        case IR_fma: r = fmaf(np ? -a : a, b, na ? -c : c); break;
        }
        __asm__ volatile("" : "+x"(r));
        res = f32b(r);
    }
    if (flags)
        *flags = get_mxcsr() & 0x3d; /* without DE */
    set_mxcsr(old);
    return res;
}

static bool is_nan_bits(int ty, uint64_t v)
{
    return ty == IR_F64 ? isnan(bf64(v)) : isnan(bf32(v));
}

static const uint64_t f64vals[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull /* 1 */,
    0xbff0000000000000ull /* -1 */, 0x3ff8000000000000ull /* 1.5 */, 0x3fb999999999999aull /* 0.1 */,
    0x4008000000000000ull /* 3 */, 0x7fefffffffffffffull /* max */, 0xffefffffffffffffull,
    0x0010000000000000ull /* min normal */, 0x0000000000000001ull /* min subnormal */,
    0x000fffffffffffffull, 0x7ff0000000000000ull /* inf */, 0xfff0000000000000ull,
    0x7ff8000000000000ull /* qNaN */, 0x7ff4000000000123ull /* sNaN */, 0xfff8000000000abcull,
    0x4340000000000001ull /* 2^54+2 */, 0x3ca0000000000000ull /* 2^-53 */, 0xc1e0000000000000ull /* -2^31 */};
static const uint64_t f32vals[] = {
    0x00000000, 0x80000000, 0x3f800000 /* 1 */, 0xbf800000, 0x3fc00000 /* 1.5 */,
    0x3dcccccd /* 0.1 */, 0x40400000 /* 3 */, 0x7f7fffff /* max */, 0xff7fffff,
    0x00800000 /* min normal */, 0x00000001, 0x007fffff, 0x7f800000 /* inf */, 0xff800000,
    0x7fc00000 /* qNaN */, 0x7fa00123 /* sNaN */, 0xffc00abc, 0x4b800001 /* 2^24+2 */,
    0x33800000 /* 2^-24 */, 0xcf000000 /* -2^31 */};
#define NFV (sizeof(f64vals) / sizeof(f64vals[0]))
_Static_assert(sizeof(f64vals) / sizeof(f64vals[0]) == sizeof(f32vals) / sizeof(f32vals[0]),
               "one F32 value per F64 value");

static uint64_t canon(int ty) { return ty == IR_F64 ? 0x7ff8000000000000ull : 0x7fc00000ull; }

/* an F32/F64 operand: loaded bits + bitcast, or an fconst */
static ir_ref fop(int ty, uint64_t bits, bool as_const)
{
    if (as_const)
        return gen_fconst(&tc.b, ty, bits);
    return gen_bitcast(&tc.b, ty, in64(bits));
}

static const char *const rmn[8] = {"rne", "rtz", "rdn", "rup", "rmm", "?", "?", "dyn"};

static void expect_fp(int ty, ir_ref r, uint64_t e, bool canon_flag, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void expect_fp(int ty, ir_ref r, uint64_t e, bool canon_flag, const char *fmt, ...)
{
    char d[112];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d, sizeof(d), fmt, ap);
    va_end(ap);
    int kind = EXACT;
    if (is_nan_bits(ty, e)) {
        if (canon_flag)
            e = canon(ty);
        else
            kind = ty == IR_F64 ? ANY_NAN64 : ANY_NAN32;
    }
    expect_k(gen_bitcast(&tc.b, IR_I64, r), e, kind, "%s", d);
}

static void test_fp_arith(void **state)
{
    (void)state;
    static const enum ir_opc ops[] = {IR_fadd, IR_fsub, IR_fmul, IR_fdiv, IR_fsqrt};
    static const int rms[] = {IR_RM_DYN, IR_RM_RNE, IR_RM_RTZ, IR_RM_RDN, IR_RM_RUP};
    for (unsigned k = 0; k < 5; k++)
        for (int ty = IR_F32; ty <= IR_F64; ty++)
            for (unsigned m = 0; m < 5; m++)
                for (int dyn = 0; dyn < (rms[m] == IR_RM_DYN ? 4 : 1); dyn++)
                    for (int cn = 0; cn < 2; cn++)
                        for (int mode = 0; mode < (rms[m] == IR_RM_DYN && dyn == 0 ? 5 : 1); mode++) {
                            enum ir_opc opc = ops[k];
                            int rm = rms[m];
                            int eff = rm == IR_RM_DYN ? dyn : rm; /* dyn: 0..3 = rne rtz rdn rup */
                            const uint64_t *v = ty == IR_F64 ? f64vals : f32vals;
                            begin();
                            /* modes: reg,reg / reg,const / const,reg / same temp /
                             * reg,reg with both operands used again afterwards */
                            for (unsigned i = 0; i < NFV; i++)
                                for (unsigned j = 0; j < NFV; j++) {
                                    if ((opc == IR_fsqrt || mode == M_SAME) && j)
                                        break;
                                    uint64_t bj = mode == M_SAME ? v[i] : v[j];
                                    ir_ref a = fop(ty, v[i], mode == M_CR);
                                    ir_ref c = mode == M_SAME ? a : fop(ty, bj, mode == M_RC);
                                    ir_ref r = opc == IR_fsqrt
                                                   ? gen_fsqrt(&tc.b, ty, a, rm, cn ? IR_FP_CANON_NAN : 0)
                                                   : gen_fbin(&tc.b, opc, ty, a, c, rm,
                                                              cn ? IR_FP_CANON_NAN : 0);
                                    uint64_t e = ref_fop(opc, ty, 0, v[i], bj, 0, eff, NULL);
                                    expect_fp(ty, r, e, cn,
                                              "%s.%s rm=%s(%s) canon=%d (%#" PRIx64 ", %#" PRIx64 ") %s",
                                              ir_opdefs[opc].name, tyn(ty), rmn[rm], rmn[eff], cn, v[i],
                                              bj, mode == 4 ? "operands live after" : mode_names[mode]);
                                    if (mode == 4) {
                                        expect_k(gen_bitcast(&tc.b, IR_I64, a), v[i], EXACT, "operand a after");
                                        if (opc != IR_fsqrt)
                                            expect_k(gen_bitcast(&tc.b, IR_I64, c), bj, EXACT, "operand b after");
                                    }
                                }
                            finish_rm(rm == IR_RM_DYN ? eff : IR_RM_RNE);
                        }
    done();
}

static void test_fp_fma(void **state)
{
    (void)state;
    static const int rms[] = {IR_RM_DYN, IR_RM_RNE, IR_RM_RTZ, IR_RM_RDN, IR_RM_RUP};
    static const uint64_t d3[] = {0x3ff0000000000000ull, 0xbff8000000000000ull, 0x3fb999999999999aull,
                                  0x0000000000000001ull, 0x7ff0000000000000ull, 0x7ff8000000000000ull,
                                  0x0000000000000000ull, 0x4340000000000001ull, 0x3ca0000000000000ull};
    static const uint64_t s3[] = {0x3f800000, 0xbfc00000, 0x3dcccccd, 0x00000001, 0x7f800000,
                                  0x7fc00000, 0x00000000, 0x4b800001, 0x33800000};
    const int n = sizeof(d3) / sizeof(d3[0]);
    for (int neg = 0; neg < 4; neg++)
        for (int ty = IR_F32; ty <= IR_F64; ty++)
            for (unsigned m = 0; m < 5; m++)
                for (int dyn = 0; dyn < (rms[m] == IR_RM_DYN ? 4 : 1); dyn++)
                    for (int cn = 0; cn < 2; cn++) {
                        int rm = rms[m], eff = rm == IR_RM_DYN ? dyn : rm;
                        unsigned cond = (neg & 1 ? IR_FMA_NEG_PROD : 0) | (neg & 2 ? IR_FMA_NEG_ADD : 0);
                        const uint64_t *v = ty == IR_F64 ? d3 : s3;
                        begin();
                        for (int i = 0; i < n; i++)
                            for (int j = 0; j < n; j++)
                                for (int l = 0; l < n; l++) {
                                    bool cst = ((i + j + l) % 5) == 0;
                                    ir_ref a = fop(ty, v[i], false), c = fop(ty, v[j], cst);
                                    ir_ref d = fop(ty, v[l], false);
                                    ir_ref r = gen_fma(&tc.b, ty, a, c, d, rm,
                                                       cond | (cn ? IR_FP_CANON_NAN : 0));
                                    uint64_t e = ref_fop(IR_fma, ty, cond, v[i], v[j], v[l], eff, NULL);
                                    expect_fp(ty, r, e, cn,
                                              "fma.%s neg=%d rm=%s(%s) canon=%d (%#" PRIx64 ", %#" PRIx64
                                              ", %#" PRIx64 ")",
                                              tyn(ty), neg, rmn[rm], rmn[eff], cn, v[i], v[j], v[l]);
                                }
                        /* the same temp in several operand positions */
                        ir_ref a = fop(ty, v[2], false);
                        ir_ref r = gen_fma(&tc.b, ty, a, a, a, rm, cond);
                        expect_fp(ty, r, ref_fop(IR_fma, ty, cond, v[2], v[2], v[2], eff, NULL), false,
                                  "fma.%s(a, a, a) neg=%d rm=%s", tyn(ty), neg, rmn[eff]);
                        finish_rm(rm == IR_RM_DYN ? eff : IR_RM_RNE);
                    }
    done();
}

/* RMM (ties away) has no x86 mode: always the slow path */
static void test_fp_rmm(void **state)
{
    (void)state;
    struct { int opc, ty; uint64_t a, b, e; } c[] = {
        /* F64 ties */
        {IR_fadd, IR_F64, 0x3ff0000000000000ull, 0x3ca0000000000000ull, 0x3ff0000000000001ull},
        {IR_fadd, IR_F64, 0xbff0000000000000ull, 0xbca0000000000000ull, 0xbff0000000000001ull},
        {IR_fsub, IR_F64, 0x3ff0000000000000ull, 0xbca0000000000000ull, 0x3ff0000000000001ull},
        {IR_fadd, IR_F64, 0x3ff0000000000000ull, 0x3c90000000000000ull, 0x3ff0000000000000ull},
        {IR_fadd, IR_F64, 0x3ff0000000000001ull, 0x3ca0000000000000ull, 0x3ff0000000000002ull},
        /* (1 + 2^-27)(1 + 2^-26) = 1 + 2^-26 + 2^-27 + 2^-53: a tie */
        {IR_fmul, IR_F64, 0x3ff0000002000000ull, 0x3ff0000004000000ull, 0x3ff0000006000001ull},
        {IR_fmul, IR_F64, 0x4000000000000000ull, 0x3ff8000000000000ull, 0x4008000000000000ull},
        /* F32 ties */
        {IR_fadd, IR_F32, 0x3f800000, 0x33800000, 0x3f800001},
        {IR_fadd, IR_F32, 0xbf800000, 0xb3800000, 0xbf800001},
        {IR_fsub, IR_F32, 0x3f800000, 0x33000000, 0x3f800000},
        /* (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: a tie; and an exact product */
        {IR_fmul, IR_F32, 0x3f800800, 0x3f800800, 0x3f801001},
        {IR_fmul, IR_F32, 0x3f800800, 0x3f801000, 0x3f801801},
        /* division and square root cannot tie: RMM == RNE */
        {IR_fdiv, IR_F64, 0x3ff0000000000000ull, 0x4008000000000000ull, 0x3fd5555555555555ull},
        {IR_fdiv, IR_F32, 0x3f800000, 0x40400000, 0x3eaaaaab},
        {IR_fsqrt, IR_F64, 0x4000000000000000ull, 0, 0x3ff6a09e667f3bcdull},
    };
    begin();
    for (unsigned i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        ir_ref a = fop(c[i].ty, c[i].a, false), b = fop(c[i].ty, c[i].b, i & 1);
        ir_ref r = c[i].opc == IR_fsqrt ? gen_fsqrt(&tc.b, c[i].ty, a, IR_RM_RMM, IR_FP_CANON_NAN)
                                        : gen_fbin(&tc.b, c[i].opc, c[i].ty, a, b, IR_RM_RMM, IR_FP_CANON_NAN);
        expect_fp(c[i].ty, r, c[i].e, true, "%s.%s rmm (%#" PRIx64 ", %#" PRIx64 ")",
                  ir_opdefs[c[i].opc].name, tyn(c[i].ty), c[i].a, c[i].b);
    }
    /* integer -> float ties and float -> float ties */
    struct { int to, kind; uint64_t v, e; } cv[] = {
        {IR_F32, IR_CVT_S64, 16777217, 0x4b800001},
        {IR_F32, IR_CVT_S64, (uint64_t)-16777217, 0xcb800001},
        {IR_F32, IR_CVT_S32, 16777219, 0x4b800002},
        {IR_F32, IR_CVT_U64, 16777217, 0x4b800001},
        {IR_F32, IR_CVT_U32, 0xffffff80u, 0x4f800000},
        {IR_F64, IR_CVT_S64, (1ull << 53) + 1, 0x4340000000000001ull},
        {IR_F64, IR_CVT_U64, ~0ull, 0x43f0000000000000ull},
        {IR_F64, IR_CVT_S32, (uint64_t)-5, 0xc014000000000000ull},
    };
    for (unsigned i = 0; i < sizeof(cv) / sizeof(cv[0]); i++) {
        ir_ref r = gen_fcvt_if(&tc.b, cv[i].to, cv[i].kind, in64(cv[i].v), IR_RM_RMM);
        expect_fp(cv[i].to, r, cv[i].e, false, "fcvt_if rmm kind %#x (%#" PRIx64 ")", cv[i].kind, cv[i].v);
    }
    /* 1 + 2^-24 in double -> float: a tie */
    ir_ref r = gen_fcvt_ff(&tc.b, IR_F32, fop(IR_F64, 0x3ff0000010000000ull, false), IR_RM_RMM, 0);
    expect_fp(IR_F32, r, 0x3f800001, false, "fcvt_ff rmm 1+2^-24");
    r = gen_fcvt_ff(&tc.b, IR_F32, fop(IR_F64, 0xbff0000010000000ull, false), IR_RM_RMM, 0);
    expect_fp(IR_F32, r, 0xbf800001, false, "fcvt_ff rmm -(1+2^-24)");
    r = gen_fcvt_ff(&tc.b, IR_F32, fop(IR_F64, 0x3ff0000008000000ull, false), IR_RM_RMM, 0);
    expect_fp(IR_F32, r, 0x3f800000, false, "fcvt_ff rmm 1+2^-25");
    finish();
    done();
}

/* after a static-rm op in the slow path the dynamic mode is in force again */
static void test_fp_static_then_dynamic(void **state)
{
    (void)state;
    for (int dyn = 0; dyn < 4; dyn++)
        for (int st = 0; st < 4; st++) {
            begin();
            uint64_t a = f64b(1.0), b = f64b(0.1), sa = f32b(1.0f), sb = f32b(0.1f);
            ir_ref x = fop(IR_F64, a, false), y = fop(IR_F64, b, false);
            ir_ref xs = fop(IR_F32, sa, false), ys = fop(IR_F32, sb, false);
            ir_ref r1 = gen_fbin(&tc.b, IR_fadd, IR_F64, x, y, st, 0);
            ir_ref r2 = gen_fbin(&tc.b, IR_fadd, IR_F64, x, y, IR_RM_DYN, 0);
            ir_ref r3 = gen_fbin(&tc.b, IR_fdiv, IR_F32, xs, ys, st, 0);
            ir_ref r4 = gen_fbin(&tc.b, IR_fdiv, IR_F32, xs, ys, IR_RM_DYN, 0);
            expect_fp(IR_F64, r1, ref_fop(IR_fadd, IR_F64, 0, a, b, 0, st, NULL), false, "static %s", rmn[st]);
            expect_fp(IR_F64, r2, ref_fop(IR_fadd, IR_F64, 0, a, b, 0, dyn, NULL), false, "dyn %s after static %s", rmn[dyn], rmn[st]);
            expect_fp(IR_F32, r3, ref_fop(IR_fdiv, IR_F32, 0, sa, sb, 0, st, NULL), false, "static %s", rmn[st]);
            expect_fp(IR_F32, r4, ref_fop(IR_fdiv, IR_F32, 0, sa, sb, 0, dyn, NULL), false, "dyn %s after static %s", rmn[dyn], rmn[st]);
            finish_rm(dyn);
        }
    done();
}

static void test_fcmp(void **state)
{
    (void)state;
    for (int ty = IR_F32; ty <= IR_F64; ty++)
        for (int fc = IR_FEQ; fc <= IR_FLE; fc++)
            for (int mode = 0; mode < 4; mode++) {
                const uint64_t *v = ty == IR_F64 ? f64vals : f32vals;
                begin();
                for (unsigned i = 0; i < NFV; i++)
                    for (unsigned j = 0; j < NFV; j++) {
                        if (mode == M_SAME && j)
                            break;
                        double a = ty == IR_F64 ? bf64(v[i]) : bf32(v[i]);
                        double c = mode == M_SAME ? a : ty == IR_F64 ? bf64(v[j]) : bf32(v[j]);
                        bool e = fc == IR_FEQ ? a == c : fc == IR_FLT ? a < c : a <= c;
                        ir_ref ra = fop(ty, v[i], mode == M_CR);
                        ir_ref rc = mode == M_SAME ? ra : fop(ty, v[j], mode == M_RC);
                        expect_k(gen_fcmp(&tc.b, ty, fc, ra, rc), e, EXACT,
                                 "fcmp.%s %s (%#" PRIx64 ", %#" PRIx64 ") %s", tyn(ty),
                                 fc == IR_FEQ ? "eq" : fc == IR_FLT ? "lt" : "le", v[i],
                                 mode == M_SAME ? v[i] : v[j], mode_names[mode]);
                    }
                finish();
            }
    done();
}

/* ---- conversions ---- */

static const char *const cvtn[5] = {"?", "s32", "u32", "s64", "u64"};

/* RISC-V float -> integer, written from the spec: round in mode rm,
 * saturate, NaN gives the maximum; 32-bit results zero-extended here */
static uint64_t ref_cvt_fi(double v, int kind, int rm, uint32_t *flags)
{
    int k = kind >> 4;
    static const double lo[5] = {0, -2147483648.0, 0.0, -9223372036854775808.0, 0.0};
    static const double hi_excl[5] = {0, 2147483648.0, 4294967296.0, 9223372036854775808.0,
                                      18446744073709551616.0};
    static const uint64_t mn[5] = {0, 0x80000000u, 0, 0x8000000000000000ull, 0};
    static const uint64_t mx[5] = {0, 0x7fffffffu, 0xffffffffu, 0x7fffffffffffffffull, ~0ull};
    *flags = 0;
    if (isnan(v)) {
        *flags = FPF_NV;
        return mx[k];
    }
    double r;
    double fl = floor(v), fr = v - fl; /* exact */
    switch (rm) {
    case IR_RM_RTZ: r = v < 0 ? -floor(-v) : fl; break;
    case IR_RM_RDN: r = fl; break;
    case IR_RM_RUP: r = fr > 0 ? fl + 1 : fl; break;
    case IR_RM_RMM: /* ties away from zero: -2.5 -> floor = -3 */
        r = fr > 0.5 ? fl + 1 : fr < 0.5 ? fl : v > 0 ? fl + 1 : fl;
        break;
    default: /* RNE */
        r = fr > 0.5 ? fl + 1 : fr < 0.5 ? fl : (fmod(fl, 2) == 0 ? fl : fl + 1);
        break;
    }
    if (r < lo[k] || r >= hi_excl[k]) {
        *flags = FPF_NV;
        return r < lo[k] ? mn[k] : mx[k];
    }
    if (r != v)
        *flags = FPF_NX;
    if (k == 1) return (uint32_t)(int32_t)r;
    if (k == 2) return (uint32_t)r;
    if (k == 3) return (uint64_t)(int64_t)r;
    return (uint64_t)r;
}

static void test_fcvt_fi(void **state)
{
    (void)state;
    static const double dv[] = {0.0, -0.0, 0.5, -0.5, 0.6, -0.6, 1.5, -1.5, 2.5, -2.5, 3.49, -3.5,
                                1e10, -1e10, 2147483647.0, 2147483647.5, 2147483648.0, -2147483648.0,
                                -2147483648.5, -2147483649.0, 4294967295.0, 4294967295.5,
                                4294967296.0, 9223372036854774784.0, 9223372036854775808.0,
                                -9223372036854775808.0, -9223372036854777856.0,
                                18446744073709549568.0, 18446744073709551616.0, 1e300, -1e300,
                                INFINITY, -INFINITY, NAN, -NAN, 0x1p-1074, 123456.789};
    static const int rms[] = {IR_RM_DYN, IR_RM_RNE, IR_RM_RTZ, IR_RM_RDN, IR_RM_RUP, IR_RM_RMM};
    for (int ty = IR_F32; ty <= IR_F64; ty++)
        for (int kind = IR_CVT_S32; kind <= IR_CVT_U64; kind += 0x10)
            for (unsigned m = 0; m < 6; m++)
                for (int dyn = 0; dyn < (rms[m] == IR_RM_DYN ? 4 : 1); dyn++) {
                    int rm = rms[m], eff = rm == IR_RM_DYN ? dyn : rm;
                    begin();
                    for (unsigned i = 0; i < sizeof(dv) / sizeof(dv[0]); i++)
                        for (int cst = 0; cst < 2; cst++) {
                            double v = dv[i];
                            uint64_t bits = ty == IR_F64 ? f64b(v) : f32b((float)v);
                            if (ty == IR_F32)
                                v = (double)(float)v;
                            uint32_t fl;
                            uint64_t e = ref_cvt_fi(v, kind, eff, &fl);
                            ir_ref r = gen_fcvt_fi(&tc.b, ty, kind, fop(ty, bits, cst), rm);
                            expect_k(r, e, EXACT, "fcvt_fi %s->%s rm=%s(%s) (%.17g)%s", tyn(ty),
                                     cvtn[kind >> 4], rmn[rm], rmn[eff], v, cst ? " const" : "");
                        }
                    finish_rm(rm == IR_RM_DYN ? eff : IR_RM_RNE);
                }
    done();
}

static uint64_t ref_cvt_if(uint64_t a, int kind, int to, int rm)
{
    uint32_t old = get_mxcsr();
    set_mxcsr((old & ~0x6000u) | rc_bits(rm) << 13);
    uint64_t x = a, r;
    __asm__ volatile("" : "+r"(x));
    if (to == IR_F64) {
        double d = kind == IR_CVT_S32 ? (double)(int32_t)x : kind == IR_CVT_U32 ? (double)(uint32_t)x
                 : kind == IR_CVT_S64 ? (double)(int64_t)x : (double)x;
        __asm__ volatile("" : "+x"(d));
        r = f64b(d);
    } else {
        float f = kind == IR_CVT_S32 ? (float)(int32_t)x : kind == IR_CVT_U32 ? (float)(uint32_t)x
                : kind == IR_CVT_S64 ? (float)(int64_t)x : (float)x;
        __asm__ volatile("" : "+x"(f));
        r = f32b(f);
    }
    set_mxcsr(old);
    return r;
}

static void test_fcvt_if(void **state)
{
    (void)state;
    static const uint64_t iv[] = {0, 1, (uint64_t)-1, 0x7fffffff, 0x80000000, 0xffffffff,
                                  0xffffffff80000000ull, 0x100000001ull, 16777217, 16777219,
                                  (1ull << 53) + 1, 0x7fffffffffffffffull, 0x8000000000000000ull,
                                  0xfffffffffffffc01ull, 0x123456789abcdef1ull, 0xabcdef0012345679ull};
    static const int rms[] = {IR_RM_DYN, IR_RM_RNE, IR_RM_RTZ, IR_RM_RDN, IR_RM_RUP};
    for (int to = IR_F32; to <= IR_F64; to++)
        for (int kind = IR_CVT_S32; kind <= IR_CVT_U64; kind += 0x10)
            for (unsigned m = 0; m < 5; m++)
                for (int dyn = 0; dyn < (rms[m] == IR_RM_DYN ? 4 : 1); dyn++) {
                    int rm = rms[m], eff = rm == IR_RM_DYN ? dyn : rm;
                    begin();
                    for (unsigned i = 0; i < sizeof(iv) / sizeof(iv[0]); i++)
                        for (int cst = 0; cst < 2; cst++) {
                            ir_ref r = gen_fcvt_if(&tc.b, to, kind, operand(iv[i], cst), rm);
                            expect_fp(to, r, ref_cvt_if(iv[i], kind, to, eff), false,
                                      "fcvt_if %s->%s rm=%s(%s) (%#" PRIx64 ")%s", cvtn[kind >> 4],
                                      tyn(to), rmn[rm], rmn[eff], iv[i], cst ? " const" : "");
                        }
                    finish_rm(rm == IR_RM_DYN ? eff : IR_RM_RNE);
                }
    done();
}

static void test_fcvt_ff_bitcast_unbox(void **state)
{
    (void)state;
    static const int rms[] = {IR_RM_DYN, IR_RM_RNE, IR_RM_RTZ, IR_RM_RDN, IR_RM_RUP};
    for (unsigned m = 0; m < 5; m++)
        for (int dyn = 0; dyn < (rms[m] == IR_RM_DYN ? 4 : 1); dyn++)
            for (int cn = 0; cn < 2; cn++) {
                int rm = rms[m], eff = rm == IR_RM_DYN ? dyn : rm;
                begin();
                for (unsigned i = 0; i < NFV; i++) {
                    /* F64 -> F32 rounds */
                    uint32_t old = get_mxcsr();
                    set_mxcsr((old & ~0x6000u) | rc_bits(eff) << 13);
                    double d = bf64(f64vals[i]);
                    __asm__ volatile("" : "+x"(d));
                    float f = (float)d;
                    __asm__ volatile("" : "+x"(f));
                    set_mxcsr(old);
                    ir_ref r = gen_fcvt_ff(&tc.b, IR_F32, fop(IR_F64, f64vals[i], i & 1), rm,
                                           cn ? IR_FP_CANON_NAN : 0);
                    expect_fp(IR_F32, r, f32b(f), cn, "fcvt_ff f64->f32 rm=%s(%s) canon=%d (%#" PRIx64 ")",
                              rmn[rm], rmn[eff], cn, f64vals[i]);
                    /* F32 -> F64 is exact */
                    r = gen_fcvt_ff(&tc.b, IR_F64, fop(IR_F32, f32vals[i], i & 1), rm,
                                    cn ? IR_FP_CANON_NAN : 0);
                    expect_fp(IR_F64, r, f64b((double)bf32(f32vals[i])), cn,
                              "fcvt_ff f32->f64 rm=%s canon=%d (%#" PRIx64 ")", rmn[rm], cn, f32vals[i]);
                }
                finish_rm(rm == IR_RM_DYN ? eff : IR_RM_RNE);
            }
    /* bitcasts both ways and unbox32 */
    static const uint64_t bv[] = {0, 1, 0x3ff0000000000000ull, 0xffffffff3f800000ull,
                                  0xfffffffe3f800000ull, 0x000000003f800000ull, 0xffffffffffffffffull,
                                  0x7ff4000000000001ull, 0xffffffff7fa00001ull, 0x8000000000000000ull};
    for (int cst = 0; cst < 2; cst++) {
        begin();
        for (unsigned i = 0; i < sizeof(bv) / sizeof(bv[0]); i++) {
            uint64_t v = bv[i];
            ir_ref x = operand(v, cst);
            expect_k(gen_bitcast(&tc.b, IR_I64, gen_bitcast(&tc.b, IR_F64, x)), v, EXACT,
                     "bitcast i64->f64->i64 (%#" PRIx64 ")", v);
            expect_k(gen_bitcast(&tc.b, IR_I64, gen_bitcast(&tc.b, IR_F32, x)), (uint32_t)v, EXACT,
                     "bitcast i64->f32->i64 (%#" PRIx64 ")", v);
            expect_k(gen_bitcast(&tc.b, IR_I64, fop(IR_F64, v, cst)), v, EXACT,
                     "bitcast f64 %s->i64 (%#" PRIx64 ")", cst ? "const" : "temp", v);
            expect_k(gen_bitcast(&tc.b, IR_I64, fop(IR_F32, (uint32_t)v, cst)), (uint32_t)v, EXACT,
                     "bitcast f32 %s->i64 (%#" PRIx64 ")", cst ? "const" : "temp", v);
            expect_k(gen_unbox32(&tc.b, x), v >> 32 == 0xffffffff ? (uint32_t)v : 0x7fc00000, EXACT,
                     "unbox32 (%#" PRIx64 ")", v);
        }
        finish();
    }
    done();
}

/* ---- accrued exception flags ---- */

static void test_fp_flags(void **state)
{
    (void)state;
    struct { int opc, ty, rm; uint64_t a, b; } c[] = {
        {IR_fdiv, IR_F64, IR_RM_DYN, f64b(1.0), f64b(0.0)},
        {IR_fdiv, IR_F64, IR_RM_RTZ, f64b(1.0), f64b(0.0)},
        {IR_fdiv, IR_F64, IR_RM_DYN, f64b(1.0), f64b(3.0)},
        {IR_fdiv, IR_F32, IR_RM_RUP, f32b(1.0f), f32b(3.0f)},
        {IR_fsqrt, IR_F64, IR_RM_DYN, f64b(-1.0), 0},
        {IR_fsqrt, IR_F32, IR_RM_RDN, f32b(-1.0f), 0},
        {IR_fmul, IR_F64, IR_RM_DYN, f64b(1e300), f64b(1e300)},
        {IR_fmul, IR_F64, IR_RM_RNE, f64b(1e-300), f64b(1e-300)},
        {IR_fmul, IR_F32, IR_RM_DYN, f32b(1e-30f), f32b(1e-20f)},
        {IR_fadd, IR_F64, IR_RM_DYN, f64b(1.0), f64b(2.0)},
        {IR_fadd, IR_F64, IR_RM_DYN, 0x7ff4000000000000ull, f64b(2.0)},
        {IR_fsub, IR_F32, IR_RM_RTZ, f32b(INFINITY), f32b(INFINITY)},
        {IR_fma, IR_F64, IR_RM_DYN, f64b(0.0), f64b(INFINITY)},
    };
    for (unsigned i = 0; i < sizeof(c) / sizeof(c[0]); i++)
        for (int h = 0; h < 2; h++) {
            struct ir_block b;
            ir_block_init(&b, 0x1000);
            ir_ref x = gen_fconst(&b, c[i].ty, c[i].a), y = gen_get(&b, c[i].ty, CPU_FPR(1));
            ir_ref r = c[i].opc == IR_fsqrt ? gen_fsqrt(&b, c[i].ty, x, c[i].rm, IR_FP_CANON_NAN)
                     : c[i].opc == IR_fma   ? gen_fma(&b, c[i].ty, x, y, y, c[i].rm, IR_FP_CANON_NAN)
                                            : gen_fbin(&b, c[i].opc, c[i].ty, x, y, c[i].rm, IR_FP_CANON_NAN);
            gen_set(&b, c[i].ty, CPU_FPR(2), r);
            gen_exit(&b, EXIT_LOOKUP, 0x4242);
            uint8_t *mark = cursor;
            uint8_t *code = gen_code(&b, h ? host_all : 0, NULL, NULL, NULL);
            ir_block_free(&b);
            cpu->fpr[1] = c[i].b;
            uint32_t mx;
            ref_fop(c[i].opc, c[i].ty, 0, c[i].a, c[i].b, c[i].b,
                    c[i].rm == IR_RM_DYN ? IR_RM_RNE : c[i].rm, &mx);
            uint32_t e = 0;
            if (mx & 0x01) e |= FPF_NV;
            if (mx & 0x04) e |= FPF_DZ;
            if (mx & 0x08) e |= FPF_OF;
            if (mx & 0x10) e |= FPF_UF;
            if (mx & 0x20) e |= FPF_NX;
            fpu_set_flags(cpu, 0);
            enter(cpu, code);
            uint32_t got = fpu_get_flags(cpu);
            fpu_set_flags(cpu, 0);
            cursor = mark;
            if (got != e && ++total_fail <= 30)
                print_error("case %u (%s.%s rm=%s, hostf %d): flags %#x expected %#x\n", i,
                            ir_opdefs[c[i].opc].name, tyn(c[i].ty), rmn[c[i].rm], h, got, e);
        }
    /* compares: feq is quiet (only sNaN signals), flt/fle signal on any NaN */
    struct { int fc; uint64_t a, b; uint32_t e; } q[] = {
        {IR_FEQ, 0x7ff8000000000000ull, f64b(1.0), 0},
        {IR_FEQ, 0x7ff4000000000000ull, f64b(1.0), FPF_NV},
        {IR_FLT, 0x7ff8000000000000ull, f64b(1.0), FPF_NV},
        {IR_FLE, f64b(1.0), 0x7ff8000000000000ull, FPF_NV},
        {IR_FLT, f64b(1.0), f64b(2.0), 0},
    };
    /* conversions: NV for NaN / out of range, NX for inexact */
    for (unsigned i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
        struct ir_block b;
        ir_block_init(&b, 0x1000);
        ir_ref r = gen_fcmp(&b, IR_F64, q[i].fc, gen_get(&b, IR_F64, CPU_FPR(1)),
                            gen_get(&b, IR_F64, CPU_FPR(2)));
        gen_set(&b, IR_I64, CPU_GPR(1), r);
        gen_exit(&b, EXIT_LOOKUP, 0x4242);
        uint8_t *mark = cursor;
        uint8_t *code = gen_code(&b, host_all, NULL, NULL, NULL);
        ir_block_free(&b);
        cpu->fpr[1] = q[i].a;
        cpu->fpr[2] = q[i].b;
        fpu_set_flags(cpu, 0);
        enter(cpu, code);
        uint32_t got = fpu_get_flags(cpu);
        fpu_set_flags(cpu, 0);
        cursor = mark;
        if (got != q[i].e && ++total_fail <= 30)
            print_error("fcmp case %u: flags %#x expected %#x\n", i, got, q[i].e);
    }
    static const double cvv[] = {NAN, 1e20, -1e20, 2.5, 3.0, -0.5, 4294967295.5};
    for (int kind = IR_CVT_S32; kind <= IR_CVT_U64; kind += 0x10)
        for (int rm = IR_RM_RNE; rm <= IR_RM_RMM; rm++)
            for (unsigned i = 0; i < sizeof(cvv) / sizeof(cvv[0]); i++) {
                struct ir_block b;
                ir_block_init(&b, 0x1000);
                gen_set(&b, IR_I64, CPU_GPR(1),
                        gen_fcvt_fi(&b, IR_F64, kind, gen_get(&b, IR_F64, CPU_FPR(1)), rm));
                gen_exit(&b, EXIT_LOOKUP, 0x4242);
                uint8_t *mark = cursor;
                uint8_t *code = gen_code(&b, host_all, NULL, NULL, NULL);
                ir_block_free(&b);
                cpu->fpr[1] = f64b(cvv[i]);
                uint32_t e;
                uint64_t ev = ref_cvt_fi(cvv[i], kind, rm, &e);
                fpu_set_flags(cpu, 0);
                enter(cpu, code);
                uint32_t got = fpu_get_flags(cpu);
                fpu_set_flags(cpu, 0);
                cursor = mark;
                if ((got != e || cpu->gpr[1] != ev) && ++total_fail <= 30)
                    print_error("fcvt_fi %s rm=%s (%.17g): flags %#x value %#" PRIx64
                                ", expected %#x %#" PRIx64 "\n",
                                cvtn[kind >> 4], rmn[rm], cvv[i], got, cpu->gpr[1], e, ev);
            }
    done();
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
        cmocka_unit_test_setup_teardown(test_fp_pressure_and_slow_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spill_exhaustion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_buffer_overflow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_side_exits_and_chaining, setup, teardown),
        cmocka_unit_test_setup_teardown(test_self_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_goto_ind_jump_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insn_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_arith, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_fma, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_rmm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_static_then_dynamic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fcmp, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fcvt_fi, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fcvt_if, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fcvt_ff_bitcast_unbox, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_flags, setup, teardown),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_fp*' */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
