/* fpu.c — the guest's floating-point environment on the host, and the slow
 * path for FP ops the backend does not inline.
 *
 * Invariants:
 *  - while guest code runs, MXCSR.RC implements the guest's dynamic rounding
 *    mode (cpu->frm) and MXCSR's exception flags hold the guest's accrued
 *    flags not yet folded into cpu->fflags; fpu_get_flags folds them.
 *  - RMM (round to nearest, ties away) has no x86 mode: ops that use it come
 *    here and are rounded to nearest-even first, then a tie (detected from the
 *    exact error term) is moved away from zero. Square roots never tie;
 *    quotients tie only when subnormal (rmm_div_*). FMA in RMM is the one case
 *    done as RNE (no cheap exact error term); see docs/jit.md.
 *  - This file is compiled with -frounding-math so the compiler keeps FP ops
 *    between the fesetround() calls that bracket them.
 */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "jit/ir.h"
#include "jit/jit.h"
#include "runner/cpu.h"

/* MXCSR exception flag -> FPF_* (DE, denormal operand, has no guest meaning).
 * Indexed by MXCSR & 0x3f: IE=0x01 DE=0x02 ZE=0x04 OE=0x08 UE=0x10 PE=0x20. */
#define MX2F(m) ((((m) & 0x01) ? FPF_NV : 0) | (((m) & 0x04) ? FPF_DZ : 0) | \
                 (((m) & 0x08) ? FPF_OF : 0) | (((m) & 0x10) ? FPF_UF : 0) | \
                 (((m) & 0x20) ? FPF_NX : 0))
#define MX2F4(m) MX2F(m), MX2F((m) + 1), MX2F((m) + 2), MX2F((m) + 3)
#define MX2F16(m) MX2F4(m), MX2F4((m) + 4), MX2F4((m) + 8), MX2F4((m) + 12)
const uint8_t fpu_mxcsr_to_fpf[64] = {MX2F16(0), MX2F16(16), MX2F16(32), MX2F16(48)};

static inline uint32_t mxcsr_read(void)
{
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}
static inline void mxcsr_write(uint32_t m) { __asm__ volatile("ldmxcsr %0" : : "m"(m)); }

/* IR_RM_* -> MXCSR.RC */
static uint32_t rc_of(int rm)
{
    switch (rm) {
    case IR_RM_RTZ: return 3;
    case IR_RM_RDN: return 1;
    case IR_RM_RUP: return 2;
    default: return 0; /* RNE, and RMM's first step */
    }
}

static int fe_of(int rm)
{
    switch (rm) {
    case IR_RM_RTZ: return FE_TOWARDZERO;
    case IR_RM_RDN: return FE_DOWNWARD;
    case IR_RM_RUP: return FE_UPWARD;
    default: return FE_TONEAREST;
    }
}

uint32_t fpu_get_flags(struct cpu *cpu)
{
    return (cpu->fflags | fpu_mxcsr_to_fpf[mxcsr_read() & 0x3f]) & 0x1f;
}

void fpu_set_flags(struct cpu *cpu, uint32_t flags)
{
    cpu->fflags = flags & 0x1f;
    uint32_t m = mxcsr_read();
    /* host flags already within the new set need no clearing: skip the
     * (pipeline-serialising) ldmxcsr, as the inline fflags_set does */
    if (fpu_mxcsr_to_fpf[m & 0x3f] & ~cpu->fflags)
        mxcsr_write(m & ~0x3fu);
}

void fpu_set_rounding(struct cpu *cpu, int rm)
{
    cpu->frm = (uint32_t)rm;
    uint32_t m = (mxcsr_read() & ~0x6000u) | rc_of(rm) << 13;
    cpu->host_mxcsr_guest = m & ~0x3fu;
    mxcsr_write(m);
}

void fpu_load(struct cpu *cpu)
{
    /* all exceptions masked, no FTZ/DAZ (guests have IEEE subnormals) */
    uint32_t m = 0x1f80u | rc_of((int)cpu->frm) << 13;
    cpu->host_mxcsr_guest = m;
    mxcsr_write(m);
}

/* ---- RMM helpers. Neighbours are found by stepping the bit pattern, so no
 * libm call raises flags of its own; the flags of a correctly rounded RMM
 * result are the ones its RNE twin raised (overflow and tininess thresholds
 * coincide), except in the narrowing/conversion paths below, which compute in
 * x87 long double and so account their flags in cpu->fflags explicitly. ---- */
static double f64(uint64_t v);
static float f32(uint64_t v);
static uint64_t b64(double d);
static uint64_t b32(float f);

/* s is the finite round-to-nearest-even result, err the exact (exact - s) */
static double rmm_fix_d(double s, double err)
{
    if (err == 0)
        return s;
    if (s == 0) /* exact is +-min_subnormal/2 at a tie */
        return 2 * fabs(err) == 0x1p-1074 ? copysign(0x1p-1074, err) : s;
    if (signbit(err) != signbit(s))
        return s; /* exact lies toward zero: s is already the larger magnitude */
    double away = f64(b64(s) + 1);
    if (isinf(away))
        return s; /* a tie above DBL_MAX would have rounded to inf already */
    return 2 * fabs(err) == away - s || 2 * fabs(err) == s - away ? away : s;
}
static float rmm_fix_f(float s, float err)
{
    if (err == 0)
        return s;
    if (s == 0)
        return 2 * fabsf(err) == 0x1p-149f ? copysignf(0x1p-149f, err) : s;
    if (signbit(err) != signbit(s))
        return s;
    float away = f32(b32(s) + 1);
    if (isinf(away))
        return s;
    return 2 * fabsf(err) == away - s || 2 * fabsf(err) == s - away ? away : s;
}

/* round an exactly-held long double to double/float with ties away from
 * zero; flags go to cpu->fflags */
static long double rmm_narrow(struct cpu *cpu, long double x, int to_dbl)
{
    if (isnan(x) || isinf(x) || x == 0)
        return x;
    /* truncation toward zero on x87; its flags stay in x87 status, unused */
    fesetround(FE_TOWARDZERO);
    long double t = to_dbl ? (long double)(double)x : (long double)(float)x;
    fesetround(FE_TONEAREST);
    long double rem = x - t;
    if (rem == 0)
        return t;
    long double away, gap;
    if (t == 0) {
        away = copysignl(to_dbl ? 0x1p-1074L : 0x1p-149L, x);
        gap = fabsl(away);
    } else if (to_dbl) {
        double ad = f64(b64((double)t) + 1);
        away = ad;
        gap = isinf(ad) ? fabsl(t - (long double)f64(b64((double)t) - 1)) : fabsl(away - t);
    } else {
        float af = f32(b32((float)t) + 1);
        away = af;
        gap = isinf(af) ? fabsl(t - (long double)f32(b32((float)t) - 1)) : fabsl(away - t);
    }
    long double r = 2 * fabsl(rem) >= gap ? away : t;
    cpu->fflags |= FPF_NX;
    if (isinf(r))
        cpu->fflags |= FPF_OF;
    else if (fabsl(r) < (to_dbl ? 0x1p-1022L : 0x1p-126L))
        cpu->fflags |= FPF_UF; /* tiny after rounding, and inexact */
    return r;
}

static double two_sum_err_d(double a, double b, double s)
{
    double bb = s - a;
    return (a - (s - bb)) + (b - bb);
}
static float two_sum_err_f(float a, float b, float s)
{
    float bb = s - a;
    return (a - (s - bb)) + (b - bb);
}

static double f64(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static float f32(uint64_t v) { float f; uint32_t u = (uint32_t)v; memcpy(&f, &u, 4); return f; }
static uint64_t b64(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }
static uint64_t b32(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

/* Division: a normal quotient can never be a tie, a subnormal one (fewer
 * significant bits) can. With r the RNE quotient and rem = a - r*b exact, the
 * exact quotient sits halfway iff 2|rem| == gap*|b|, gap = the subnormal
 * spacing 2^-1074 (2^-149 for floats); both sides are scaled by 2^1074 (2^149)
 * so the comparison is exact. Returns the RMM quotient. */
static double rmm_div_d(double a, double b, double r)
{
    if (!isfinite(r) || fabs(r) >= 0x1p-1022)
        return r;
    double rem = fma(-r, b, a);
    if (ldexp(2 * fabs(rem), 1074) != fabs(b))
        return r;
    bool farther = (signbit(rem) != signbit(b)) == (signbit(r) != 0) || r == 0;
    if (!farther)
        return r;
    return r == 0 ? copysign(0x1p-1074, (signbit(a) != signbit(b)) ? -1.0 : 1.0) : f64(b64(r) + 1);
}
static float rmm_div_f(float a, float b, float r)
{
    if (!isfinite(r) || fabsf(r) >= 0x1p-126f)
        return r;
    double rem = fma(-(double)r, (double)b, (double)a); /* exact in double */
    if (ldexp(2 * fabs(rem), 149) != fabs((double)b))
        return r;
    bool farther = (signbit(rem) != signbit(b)) == (signbit(r) != 0) || r == 0;
    if (!farther)
        return r;
    return r == 0 ? copysignf(0x1p-149f, (signbit(a) != signbit(b)) ? -1.0f : 1.0f) : f32(b32(r) + 1);
}

static bool inf_times_zero(uint64_t a, uint64_t b, bool dbl);

static uint64_t arith_d(int opc, int cond, double a, double b, double c, bool rmm)
{
    double r = 0;
    bool np = cond & IR_FMA_NEG_PROD, na = cond & IR_FMA_NEG_ADD;
    /* error terms only for finite results: inf - inf would raise invalid */
    switch (opc) {
    case IR_fadd: r = a + b; if (rmm && isfinite(r)) r = rmm_fix_d(r, two_sum_err_d(a, b, r)); break;
    case IR_fsub: r = a - b; if (rmm && isfinite(r)) r = rmm_fix_d(r, two_sum_err_d(a, -b, r)); break;
    case IR_fmul: r = a * b; if (rmm && isfinite(r)) r = rmm_fix_d(r, fma(a, b, -r)); break;
    case IR_fdiv: r = a / b; if (rmm) r = rmm_div_d(a, b, r); break;
    case IR_fsqrt: r = sqrt(a); break;
    case IR_fma: r = fma(np ? -a : a, b, na ? -c : c); break;
    }
    return b64(r);
}

static uint64_t arith_f(int opc, int cond, float a, float b, float c, bool rmm)
{
    float r = 0;
    bool np = cond & IR_FMA_NEG_PROD, na = cond & IR_FMA_NEG_ADD;
    switch (opc) {
    case IR_fadd: r = a + b; if (rmm && isfinite(r)) r = rmm_fix_f(r, two_sum_err_f(a, b, r)); break;
    case IR_fsub: r = a - b; if (rmm && isfinite(r)) r = rmm_fix_f(r, two_sum_err_f(a, -b, r)); break;
    case IR_fmul: r = a * b; if (rmm && isfinite(r)) r = rmm_fix_f(r, fmaf(a, b, -r)); break;
    case IR_fdiv: r = a / b; if (rmm) r = rmm_div_f(a, b, r); break;
    case IR_fsqrt: r = sqrtf(a); break;
    case IR_fma: r = fmaf(np ? -a : a, b, na ? -c : c); break;
    }
    return b32(r);
}

/* float -> integer, RISC-V semantics: saturate, NaN -> max, NV on invalid,
 * NX when inexact. Returns the pattern of the destination width. */
static uint64_t cvt_fi(struct cpu *cpu, double v, int kind, int rm)
{
    static const struct { double lo, hi; uint64_t min, max; } range[] = {
        /* kind index: lowest valid, highest valid, result below, result above/NaN */
        [1] = {-2147483648.0, 2147483647.0, 0x80000000u, 0x7fffffffu},                 /* S32 */
        [2] = {0.0, 4294967295.0, 0, 0xffffffffu},                                       /* U32 */
        [3] = {-9223372036854775808.0, 9223372036854775807.0, 0x8000000000000000ull,
               0x7fffffffffffffffull},                                                   /* S64 */
        [4] = {0.0, 18446744073709551615.0, 0, ~0ull},                                   /* U64 */
    };
    int k = kind >> 4;
    if (isnan(v)) {
        cpu->fflags |= FPF_NV;
        return range[k].max;
    }
    /* floor/ceil may be inlined as conversions that raise inexact: an
     * out-of-range input must report NV alone, so keep the flags as they were */
    uint32_t flags_before = mxcsr_read();
    double r;
    switch (rm) {
    case IR_RM_RTZ: r = trunc(v); break;
    case IR_RM_RDN: r = floor(v); break;
    case IR_RM_RUP: r = ceil(v); break;
    case IR_RM_RMM: r = round(v); break;
    default: r = nearbyint(v); break;
    }
    /* the 64-bit upper bounds are not representable: 2^63 and 2^64 themselves
     * are out of range */
    bool above = (k == 3 || k == 4) ? r >= range[k].hi : r > range[k].hi;
    if (r < range[k].lo || above) {
        mxcsr_write(flags_before);
        cpu->fflags |= FPF_NV;
        return r < range[k].lo ? range[k].min : range[k].max;
    }
    if (r != v)
        cpu->fflags |= FPF_NX;
    uint64_t out;
    if (k == 1) out = (uint32_t)(int32_t)r;
    else if (k == 2) out = (uint32_t)r;
    else if (k == 3) out = (uint64_t)(int64_t)r;
    else out = (uint64_t)r;
    return out;
}

static uint64_t cvt_if(struct cpu *cpu, uint64_t a, int kind, int to, bool rmm)
{
    long double x;
    switch (kind) {
    case IR_CVT_S32: x = (int32_t)a; break;
    case IR_CVT_U32: x = (uint32_t)a; break;
    case IR_CVT_S64: x = (int64_t)a; break;
    default: x = a; break;
    }
    if (rmm) {
        long double r = rmm_narrow(cpu, x, to == IR_F64); /* exact: the cast below is too */
        return to == IR_F64 ? b64((double)r) : b32((float)r);
    }
    /* integer -> float conversions round in the current mode */
    switch (kind) {
    case IR_CVT_S32: return to == IR_F64 ? b64((double)(int32_t)a) : b32((float)(int32_t)a);
    case IR_CVT_U32: return to == IR_F64 ? b64((double)(uint32_t)a) : b32((float)(uint32_t)a);
    case IR_CVT_S64: return to == IR_F64 ? b64((double)(int64_t)a) : b32((float)(int64_t)a);
    default: return to == IR_F64 ? b64((double)a) : b32((float)a);
    }
}

void jit_fp_slow(struct cpu *cpu)
{
    uint64_t d = cpu->scratch[4];
    int opc = d & 0xff, type = (d >> 8) & 0xff, rm = (d >> 16) & 0xff, cond = (d >> 24) & 0xff;
    uint64_t a = cpu->scratch[0], b = cpu->scratch[1], c = cpu->scratch[2];
    if (rm == IR_RM_DYN)
        rm = (int)cpu->frm;
    bool rmm = rm == IR_RM_RMM;
    /* glibc's fegetround reads the x87 control word, which the guest's mode
     * does not live in: save and restore MXCSR.RC itself */
    uint32_t saved_rc = mxcsr_read() & 0x6000u;
    fesetround(fe_of(rm));
    uint64_t r = 0;
    bool dbl_result = type == IR_F64;
    switch (opc) {
    case IR_fadd: case IR_fsub: case IR_fmul: case IR_fdiv: case IR_fsqrt: case IR_fma:
        if (opc == IR_fma && inf_times_zero(a, b, type == IR_F64))
            cpu->fflags |= FPF_NV; /* even with a quiet-NaN addend (see above) */
        if (rmm) {
            /* RMM raises exactly the flags of its RNE twin: run that first and
             * keep its flags; the fix-up's error terms may raise flags of their
             * own, which are dropped */
            (void)(type == IR_F64 ? arith_d(opc, cond, f64(a), f64(b), f64(c), false)
                                  : arith_f(opc, cond, f32(a), f32(b), f32(c), false));
            uint32_t flags = mxcsr_read();
            r = type == IR_F64 ? arith_d(opc, cond, f64(a), f64(b), f64(c), true)
                               : arith_f(opc, cond, f32(a), f32(b), f32(c), true);
            mxcsr_write(flags);
        } else {
            r = type == IR_F64 ? arith_d(opc, cond, f64(a), f64(b), f64(c), false)
                               : arith_f(opc, cond, f32(a), f32(b), f32(c), false);
        }
        break;
    case IR_fcvt_ff:
        if (type == IR_F64) {
            r = b64((double)f32(a));
        } else if (rmm && !isnan(f64(a))) {
            r = b32((float)rmm_narrow(cpu, (long double)f64(a), 0));
        } else {
            r = b32((float)f64(a));
        }
        break;
    case IR_fcvt_if:
        r = cvt_if(cpu, a, cond & IR_CVT_MASK, type, rmm);
        break;
    case IR_fcvt_fi:
        r = cvt_fi(cpu, type == IR_F64 ? f64(a) : (double)f32(a), cond & IR_CVT_MASK, rm);
        dbl_result = false;
        cond &= ~IR_FP_CANON_NAN;
        break;
    }
    mxcsr_write((mxcsr_read() & ~0x6000u) | saved_rc);
    if (cond & IR_FP_CANON_NAN) {
        if (dbl_result && isnan(f64(r)))
            r = 0x7ff8000000000000ull;
        else if (!dbl_result && isnan(f32(r)))
            r = 0x7fc00000u;
    }
    cpu->scratch[0] = r;
}

/* inf * 0 in an FMA is invalid even when the addend is a quiet NaN (RISC-V;
 * x86 leaves IE clear then). scratch[0..1] = multiplicands, [2] = is double */
static bool inf_times_zero(uint64_t a, uint64_t b, bool dbl)
{
    double x = dbl ? f64(a) : (double)f32(a), y = dbl ? f64(b) : (double)f32(b);
    return (isinf(x) && y == 0) || (x == 0 && isinf(y));
}

void jit_fma_nan_check(struct cpu *cpu)
{
    if (inf_times_zero(cpu->scratch[0], cpu->scratch[1], cpu->scratch[2] != 0))
        cpu->fflags |= FPF_NV;
}

void jit_slow_popcnt(struct cpu *cpu)
{
    uint64_t v = cpu->scratch[0];
    if (cpu->scratch[1] == 32)
        v &= 0xffffffffu;
    cpu->scratch[0] = (uint64_t)__builtin_popcountll(v);
}
