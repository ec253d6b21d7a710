/* gen_a64_fp.c — aarch64 scalar floating-point templates of the differential
 * tester: arithmetic, fused multiply-add, compares (fcmp/fccmp/fcsel),
 * conversions (precisions incl. half, to and from integers in every
 * rounding, fixed point), frint*, fmov in all its forms, and FPCR/FPSR
 * writes and reads.
 *
 * Inputs are whatever the V registers hold (the initial state mixes
 * doubles, singles, halves and integers) or, often, a chosen interesting
 * value moved in through a general register in the same item. FPCR writes
 * only use RMode, FZ, DN and AHP (a64.h).
 */
#include <stdio.h>
#include <string.h>

#include "tests/difftest/a64.h"

uint32_t a64_fpcr_value(struct rng *r)
{
    uint32_t v = A64_FPCR_RM(below(r, 4));
    if (chance(r, 35))
        v |= A64_FPCR_FZ;
    if (chance(r, 35))
        v |= A64_FPCR_DN;
    if (chance(r, 20))
        v |= A64_FPCR_AHP;
    return v;
}

/* an FP source of precision 'd' or 's' (sometimes 'h' where allowed):
 * often a chosen value moved in first */
static int fsrc(struct a64gen *g, char p)
{
    int v = a64_vr(g);
    if (chance(RNG(g), 35)) {
        int t = a64_rt(g);
        if (p == 'd') {
            EMIT(g, "li %s, 0x%llx", a64_x(t), (unsigned long long)gen_double_bits(RNG(g)));
            EMIT(g, "fmov d%d, %s", v, a64_x(t));
        } else if (p == 's') {
            EMIT(g, "li %s, 0x%llx", a64_x(t), (unsigned long long)gen_float_bits(RNG(g)));
            EMIT(g, "fmov s%d, %s", v, a64_w(t));
        } else {
            EMIT(g, "li %s, 0x%llx", a64_x(t), (unsigned long long)gen_half_bits(RNG(g)));
            EMIT(g, "fmov s%d, %s", v, a64_w(t));
        }
    }
    return v;
}

static char prec(struct a64gen *g)
{
    return chance(RNG(g), 50) ? 'd' : 's';
}

void a64_t_farith(struct a64gen *g)
{
    static const char *const op3[] = { "fadd", "fsub", "fmul", "fdiv", "fnmul", "fmax", "fmin", "fmaxnm",
                                       "fminnm" };
    static const char *const op2[] = { "fabs", "fneg", "fsqrt" };
    char p = prec(g);
    if (chance(RNG(g), 25)) {
        int a = fsrc(g, p);
        EMIT(g, "%s %c%d, %c%d", PICK(RNG(g), op2), p, a64_vr(g), p, a);
        return;
    }
    int a = fsrc(g, p), b = chance(RNG(g), 10) ? a : fsrc(g, p);
    EMIT(g, "%s %c%d, %c%d, %c%d", PICK(RNG(g), op3), p, a64_vr(g), p, a, p, b);
}

void a64_t_fma(struct a64gen *g)
{
    static const char *const ops[] = { "fmadd", "fmsub", "fnmadd", "fnmsub" };
    char p = prec(g);
    int a = fsrc(g, p), b = fsrc(g, p), c = fsrc(g, p);
    EMIT(g, "%s %c%d, %c%d, %c%d, %c%d", PICK(RNG(g), ops), p, a64_vr(g), p, a, p, b, p, c);
}

void a64_t_fcmp(struct a64gen *g)
{
    char p = prec(g);
    int a = fsrc(g, p), b = chance(RNG(g), 10) ? a : fsrc(g, p);
    switch (below(RNG(g), 4)) {
    case 0:
        EMIT(g, "%s %c%d, %c%d", chance(RNG(g), 50) ? "fcmp" : "fcmpe", p, a, p, b);
        break;
    case 1:
        EMIT(g, "%s %c%d, #0.0", chance(RNG(g), 50) ? "fcmp" : "fcmpe", p, a);
        break;
    case 2:
        EMIT(g, "%s %c%d, %c%d, #%d, %s", chance(RNG(g), 50) ? "fccmp" : "fccmpe", p, a, p, b,
             range(RNG(g), 0, 15), a64_cond(g, true));
        break;
    default:
        EMIT(g, "fcsel %c%d, %c%d, %c%d, %s", p, a64_vr(g), p, a, p, b, a64_cond(g, true));
        break;
    }
}

void a64_t_fcvt(struct a64gen *g)
{
    static const char rnd[] = { 'n', 'a', 'p', 'm', 'z' };
    char p = prec(g);
    switch (below(RNG(g), 6)) {
    case 0: {   /* between precisions */
        static const char *const pairs[] = { "sd", "ds", "hs", "sh", "hd", "dh" };
        const char *pr = PICK(RNG(g), pairs);
        int a = fsrc(g, pr[1]);
        EMIT(g, "fcvt %c%d, %c%d", pr[0], a64_vr(g), pr[1], a);
        break;
    }
    case 1: case 2: {   /* to an integer, each rounding */
        int a = fsrc(g, p);
        bool x = chance(RNG(g), 50);
        EMIT(g, "fcvt%c%c %s, %c%d", PICK(RNG(g), rnd), chance(RNG(g), 50) ? 's' : 'u', a64_r(a64_rd(g), x), p, a);
        break;
    }
    case 3: {   /* from an integer */
        bool x = chance(RNG(g), 50);
        int s = a64_rs(g);
        if (chance(RNG(g), 30)) {
            s = a64_rt(g);
            EMIT(g, "li %s, 0x%llx", a64_x(s), (unsigned long long)gen_int_value(RNG(g)));
        }
        EMIT(g, "%s %c%d, %s", chance(RNG(g), 50) ? "scvtf" : "ucvtf", p, a64_vr(g), a64_r(s, x));
        break;
    }
    case 4: {   /* fixed point, to an integer (always toward zero) */
        int a = fsrc(g, p);
        bool x = chance(RNG(g), 50);
        EMIT(g, "%s %s, %c%d, #%d", chance(RNG(g), 50) ? "fcvtzs" : "fcvtzu", a64_r(a64_rd(g), x), p, a,
             range(RNG(g), 1, x ? 64 : 32));
        break;
    }
    default: {  /* fixed point, from an integer */
        bool x = chance(RNG(g), 50);
        EMIT(g, "%s %c%d, %s, #%d", chance(RNG(g), 50) ? "scvtf" : "ucvtf", p, a64_vr(g), a64_r(a64_rs(g), x),
             range(RNG(g), 1, x ? 64 : 32));
        break;
    }
    }
}

void a64_t_frint(struct a64gen *g)
{
    static const char r[] = { 'n', 'a', 'p', 'm', 'z', 'x', 'i' };
    char p = prec(g);
    int a = fsrc(g, p);
    EMIT(g, "frint%c %c%d, %c%d", PICK(RNG(g), r), p, a64_vr(g), p, a);
}

void a64_fp_imm_text(unsigned imm8, char *buf, size_t len)
{
    int s = imm8 >> 7 & 1, e = (int)(imm8 >> 4 & 7), m = (int)(imm8 & 15);
    int exp = (e ^ 4) - 3;   /* NOT(b):c:d biased: b=0 -> 1..4, b=1 -> -3..0 */
    double v = (16.0 + m) / 16.0;
    v = __builtin_ldexp(v, exp);
    snprintf(buf, len, "%s%.10g", s ? "-" : "", v);
}

void a64_t_fmov(struct a64gen *g)
{
    char p = prec(g);
    switch (below(RNG(g), 4)) {
    case 0: {
        char t[32];
        a64_fp_imm_text(below(RNG(g), 256), t, sizeof(t));
        EMIT(g, "fmov %c%d, #%s", p, a64_vr(g), t);
        break;
    }
    case 1:
        EMIT(g, "fmov %c%d, %c%d", p, a64_vr(g), p, a64_vr(g));
        break;
    case 2:   /* general -> FP (zeroes the rest of the vector, except d[1]) */
        switch (below(RNG(g), 3)) {
        case 0: EMIT(g, "fmov s%d, %s", a64_vr(g), a64_w(a64_rs(g))); break;
        case 1: EMIT(g, "fmov d%d, %s", a64_vr(g), a64_x(a64_rs(g))); break;
        default: EMIT(g, "fmov v%d.d[1], %s", a64_vr(g), a64_x(a64_rs(g))); break;
        }
        break;
    default:
        switch (below(RNG(g), 3)) {
        case 0: EMIT(g, "fmov %s, s%d", a64_w(a64_rd(g)), a64_vr(g)); break;
        case 1: EMIT(g, "fmov %s, d%d", a64_x(a64_rd(g)), a64_vr(g)); break;
        default: EMIT(g, "fmov %s, v%d.d[1]", a64_x(a64_rd(g)), a64_vr(g)); break;
        }
        break;
    }
}

void a64_t_fpcr(struct a64gen *g)
{
    int t = a64_rt(g);
    switch (below(RNG(g), 5)) {
    case 0: case 1:
        EMIT(g, "li %s, 0x%x", a64_x(t), a64_fpcr_value(RNG(g)));
        EMIT(g, "msr fpcr, %s", a64_x(t));
        break;
    case 2:
        EMIT(g, "mrs %s, fpcr", a64_x(t));
        break;
    case 3: {   /* cumulative flags and QC: written, or read back */
        static const uint32_t bits[] = { 0, 1, 2, 4, 8, 16, 128, 1u << 27, 0x9f, 0x0800009f };
        EMIT(g, "li %s, 0x%x", a64_x(t), PICK(RNG(g), bits));
        EMIT(g, "msr fpsr, %s", a64_x(t));
        break;
    }
    default:
        EMIT(g, "mrs %s, fpsr", a64_x(t));
        break;
    }
}
