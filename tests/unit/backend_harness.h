/* backend_harness.h — shared by test_backend.c (integer, memory, atomics,
 * exits) and test_backend_fp.c (floating point): IR blocks are generated with
 * x86_gen_block into an RWX buffer and executed.
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
 *
 * Included by exactly one .c per test binary; each uses only part of it.
 */
#ifndef TERN_BACKEND_HARNESS_H
#define TERN_BACKEND_HARNESS_H
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-variable"
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

static uint64_t f64b(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }
static double bf64(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static uint64_t f32b(float f) { uint32_t v; memcpy(&v, &f, 4); return v; }
static float bf32(uint64_t v) { uint32_t u = (uint32_t)v; float f; memcpy(&f, &u, 4); return f; }

#pragma GCC diagnostic pop
#endif
