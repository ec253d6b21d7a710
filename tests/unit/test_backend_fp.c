/* test_backend_fp.c — the x86-64 backend executing floating-point blocks:
 * arithmetic, FMA, compares, conversions, rounding modes (inline and through
 * the slow path, RMM included), NaN canonicalisation and accrued flags, the
 * Arm-semantics ops (IR_FP_ARM: inline SSE plus the exact twin, FPCR.FZ/DN,
 * checked against fp_arm.c) and the float bit moves (see backend_harness.h
 * for how blocks are generated, run and checked).
 */
#include "tests/unit/backend_harness.h"

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

/* ---- Arm semantics (IR_FP_ARM), against fp_arm.c ---- */

#include "frontends/aarch64/fp_arm.h"
void a64_fp_hook(struct cpu *cpu);

static uint32_t arm_fpcr;      /* the FPCR the block runs under */
static uint32_t arm_expect;    /* FPSR bits the whole block must raise */

static void arm_pre(void) { cpu->fpcr = arm_fpcr; cpu->fpsr = 0; fpu_set_flags(cpu, 0); }

/* the accrued flags (IEEE ones through fflags/MXCSR, IDC in cpu->fpsr) of
 * one run must be exactly the references' union */
static int arm_post(const char *variant)
{
    uint32_t f = fpu_get_flags(cpu), got = cpu->fpsr & 0x80;
    got |= (f & FPF_NV ? FPA_IOC : 0) | (f & FPF_DZ ? FPA_DZC : 0) | (f & FPF_OF ? FPA_OFC : 0) |
           (f & FPF_UF ? FPA_UFC : 0) | (f & FPF_NX ? FPA_IXC : 0);
    if (got == arm_expect)
        return 0;
    print_error("[%s] FPSR %#x, expected %#x (fpcr %#x)\n", variant, got, arm_expect, arm_fpcr);
    return 1;
}

enum { A_ADD, A_SUB, A_MUL, A_DIV, A_SQRT, A_FMA, A_FMS, A_MAX, A_MINNM, A_CMP, A_CMPE, A_EQ,
       A_LT, A_CVT32, A_CVT64D, A_CVTU32, A_CVTU64, A_NARROW, A_RINTM, A_RINTX, A_RINTA,
       A_NOPS };
static const char *const arm_names[A_NOPS] = {
    "fadd", "fsub", "fmul", "fdiv", "fsqrt", "fma", "fma -prod -add", "fmax", "fminnm",
    "fcmp nzcv", "fcmp nzcv_s", "fcmp eq", "fcmp lt", "fcvtzs w", "fcvtns x", "fcvtzu w",
    "fcvtzu x", "fcvt_ff",
    "frintm", "frintx", "frinta"};

/* the op through the IR and its fp_arm.c reference */
static ir_ref arm_op(int k, int ty, ir_ref a, ir_ref b, ir_ref c, uint64_t A, uint64_t Bv,
                     uint64_t C, uint64_t *ref, struct fpa *ctx)
{
    int fmt = ty == IR_F64 ? FPA_D : FPA_S;
    uint64_t sign = ty == IR_F64 ? 1ull << 63 : 1ull << 31;
    struct ir_block *b_ = &tc.b;
    ir_ref r;
    switch (k) {
    case A_ADD: r = gen_fbin(b_, IR_fadd, ty, a, b, IR_RM_DYN, 0); *ref = fpa_add(ctx, fmt, A, Bv); break;
    case A_SUB: r = gen_fbin(b_, IR_fsub, ty, a, b, IR_RM_DYN, 0); *ref = fpa_sub(ctx, fmt, A, Bv); break;
    case A_MUL: r = gen_fbin(b_, IR_fmul, ty, a, b, IR_RM_DYN, 0); *ref = fpa_mul(ctx, fmt, A, Bv); break;
    case A_DIV: r = gen_fbin(b_, IR_fdiv, ty, a, b, IR_RM_DYN, 0); *ref = fpa_div(ctx, fmt, A, Bv); break;
    case A_SQRT: r = gen_fsqrt(b_, ty, a, IR_RM_DYN, 0); *ref = fpa_sqrt(ctx, fmt, A); break;
    case A_FMA: r = gen_fma(b_, ty, a, b, c, IR_RM_DYN, 0); *ref = fpa_muladd(ctx, fmt, C, A, Bv); break;
    case A_FMS:
        r = gen_fma(b_, ty, a, b, c, IR_RM_DYN, IR_FMA_NEG_PROD | IR_FMA_NEG_ADD);
        *ref = fpa_muladd(ctx, fmt, C ^ sign, A ^ sign, Bv);
        break;
    case A_MAX: r = gen_fbin(b_, IR_fmax, ty, a, b, IR_RM_DYN, 0); *ref = fpa_max(ctx, fmt, A, Bv); break;
    case A_MINNM:
        r = gen_fbin(b_, IR_fmin, ty, a, b, IR_RM_DYN, IR_FP_MAXNUM);
        *ref = fpa_minnum(ctx, fmt, A, Bv);
        break;
    case A_CMP: case A_CMPE:
        r = gen_fcmp(b_, ty, k == A_CMP ? IR_FNZCV : IR_FNZCV_S, a, b);
        *ref = (uint64_t)fpa_compare(ctx, fmt, A, Bv, k == A_CMPE) << 28;
        break;
    case A_EQ: r = gen_fcmp(b_, ty, IR_FEQ, a, b); *ref = fpa_cmp_eq(ctx, fmt, A, Bv); break;
    case A_LT: r = gen_fcmp(b_, ty, IR_FLT, a, b); *ref = fpa_cmp_gt(ctx, fmt, Bv, A); break;
    case A_CVT32:
        r = gen_fcvt_fi(b_, ty, IR_CVT_S32, a, IR_RM_RTZ);
        *ref = fpa_to_fixed(ctx, fmt, A, 0, false, 32, FPA_RZ);
        break;
    case A_CVT64D:
        r = gen_fcvt_fi(b_, ty, IR_CVT_S64, a, IR_RM_RNE);
        *ref = fpa_to_fixed(ctx, fmt, A, 0, false, 64, FPA_RN);
        break;
    case A_RINTM: case A_RINTX: case A_RINTA: {
        static const int rm[3][2] = {{IR_RM_RDN, FPA_RM}, {IR_RM_DYN, FPA_RN}, {IR_RM_RMM, FPA_RA}};
        const int *m = rm[k - A_RINTM];
        r = gen_fround(b_, ty, a, m[0], k == A_RINTX ? IR_FROUND_EXACT : 0);
        *ref = fpa_round_int(ctx, fmt, A, m[1], k == A_RINTX);
        break;
    }
    case A_CVTU32: case A_CVTU64:
        r = gen_fcvt_fi(b_, ty, k == A_CVTU32 ? IR_CVT_U32 : IR_CVT_U64, a, IR_RM_RTZ);
        *ref = fpa_to_fixed(ctx, fmt, A, 0, true, k == A_CVTU32 ? 32 : 64, FPA_RZ);
        break;
    default: /* to the other precision */
        r = gen_fcvt_ff(b_, ty == IR_F64 ? IR_F32 : IR_F64, a, IR_RM_DYN, 0);
        *ref = fpa_convert(ctx, fmt, ty == IR_F64 ? FPA_S : FPA_D, A, FPA_RN);
        break;
    }
    return gen_fp_arm(b_, r, a64_fp_hook);
}

static void test_fp_arm(void **state)
{
    (void)state;
    static const uint32_t fpcrs[] = {0, FPA_FPCR_FZ, FPA_FPCR_DN, FPA_FPCR_FZ | FPA_FPCR_DN};
    for (unsigned f = 0; f < sizeof(fpcrs) / sizeof(fpcrs[0]); f++)
        for (int ty = IR_F32; ty <= IR_F64; ty++)
            for (int k = 0; k < A_NOPS; k++) {
                const uint64_t *v = ty == IR_F64 ? f64vals : f32vals;
                begin();
                arm_fpcr = fpcrs[f];
                arm_expect = 0;
                pre_run = arm_pre;
                post_run = arm_post;
                for (unsigned i = 0; i < NFV; i++)
                    for (unsigned j = 0; j < NFV; j++) {
                        uint64_t A = v[i], Bv = v[j], C = v[(i + j) % NFV], ref;
                        struct fpa ctx = {fpcrs[f], 0};
                        ir_ref r = arm_op(k, ty, fop(ty, A, false), fop(ty, Bv, j & 1),
                                          fop(ty, C, false), A, Bv, C, &ref, &ctx);
                        arm_expect |= ctx.flags;
                        bool int_res = k >= A_CMP && k <= A_CVTU64;
                        expect_k(int_res ? r : gen_bitcast(&tc.b, IR_I64, r), ref, EXACT,
                                 "%s.%s fpcr %#x (%#" PRIx64 ", %#" PRIx64 ", %#" PRIx64 ")",
                                 arm_names[k], tyn(ty), fpcrs[f], A, Bv, C);
                    }
                finish();
            }
    cpu->fpcr = 0;
    done();
}

/* F32 <-> F64 bitcasts zero-extend / truncate; fneg/fabs touch the sign only */
static void test_fp_bits(void **state)
{
    (void)state;
    begin();
    for (unsigned i = 0; i < NFV; i++) {
        ir_ref s = fop(IR_F32, f32vals[i], false), d = fop(IR_F64, f64vals[i], false);
        expect_k(gen_bitcast(&tc.b, IR_I64, gen_bitcast(&tc.b, IR_F64, s)), f32vals[i], EXACT,
                 "f32 %#" PRIx64 " zero-extended to f64", f32vals[i]);
        expect_k(gen_bitcast(&tc.b, IR_I64, gen_bitcast(&tc.b, IR_F32, d)),
                 f64vals[i] & 0xffffffffu, EXACT, "low half of f64 %#" PRIx64, f64vals[i]);
        expect_k(gen_bitcast(&tc.b, IR_I32, d), f64vals[i] & 0xffffffffu, EXACT,
                 "i32 view of f64 %#" PRIx64, f64vals[i]);
        expect_k(gen_bitcast(&tc.b, IR_I64, gen_fsign(&tc.b, IR_fneg, IR_F64, d)),
                 f64vals[i] ^ (1ull << 63), EXACT, "fneg %#" PRIx64, f64vals[i]);
        expect_k(gen_bitcast(&tc.b, IR_I64, gen_fsign(&tc.b, IR_fabs, IR_F32, s)),
                 f32vals[i] & 0x7fffffffu, EXACT, "fabs %#" PRIx64, f32vals[i]);
    }
    finish();
    done();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fp_pressure_and_slow_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_arith, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_fma, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_rmm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_static_then_dynamic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fcmp, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fcvt_fi, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fcvt_if, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fcvt_ff_bitcast_unbox, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_arm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_bits, setup, teardown),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_fp*' */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
