/* float — single and double arithmetic and printf of floating-point values.
 * Results are printed exactly (%a, bit hashes). NaN results are hashed as one
 * token: which NaN an operation returns is an architecture choice (RISC-V gives
 * the canonical NaN, x86 propagates an operand), see fp_bits for that. */
#include <float.h>
#include "common.h"

static uint64_t hash_d(uint64_t h, double d) { return fnv_u64(h, isnan(d) ? 0x7ff8dead : dbits(d)); }
static uint64_t hash_f(uint64_t h, float f) { return fnv_u64(h, isnan(f) ? 0x7fcdead : fbits(f)); }

static double rand_double(void)
{
    uint64_t r = rng64();
    switch (r & 7) {
    case 0: return bitsd(rng64());                     /* any bit pattern */
    case 1: return (double)(int64_t)(rng64() >> 40) / (double)(1 + (r >> 50));
    case 2: return ldexp((double)(rng64() >> 11), (int)(r >> 56) % 200 - 100 - 53);
    case 3: return bitsd(rng64() & 0x800fffffffffffffull);   /* subnormal */
    default: return ((double)(rng64() >> 11) / 9007199254740992.0 - 0.5) * 1000.0;
    }
}

static const double special[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 3.0, 0.1, 1e308, -1e308, DBL_MAX, DBL_MIN, DBL_TRUE_MIN,
    -DBL_TRUE_MIN, INFINITY, -INFINITY, NAN, 1e-310, 4503599627370496.0, 9007199254740993.0,
};
#define NSPECIAL ((int)(sizeof special / sizeof special[0]))

int main(void)
{
    volatile double vd;   /* defeats constant folding where it matters */
    enum { DADD, DSUB, DMUL, DDIV, DSQRT, DCMP, FADD, FSUB, FMUL, FDIV, FSQRT, FCMP, CVT, NOPS };
    static const char *names[NOPS] = { "dadd", "dsub", "dmul", "ddiv", "dsqrt", "dcmp", "fadd",
                                       "fsub", "fmul", "fdiv", "fsqrt", "fcmp", "f<->d" };
    uint64_t h[NOPS];
    for (int k = 0; k < NOPS; k++) h[k] = FNV_INIT;
    rng_seed(2024);
    int n = NSPECIAL * NSPECIAL + 20000;
    for (int i = 0; i < n; i++) {
        double a, b;
        if (i < NSPECIAL * NSPECIAL) {
            a = special[i / NSPECIAL];
            b = special[i % NSPECIAL];
        } else {
            a = rand_double();
            b = rand_double();
        }
        vd = a; a = vd;
        h[DADD] = hash_d(h[DADD], a + b);
        h[DSUB] = hash_d(h[DSUB], a - b);
        h[DMUL] = hash_d(h[DMUL], a * b);
        h[DDIV] = hash_d(h[DDIV], a / b);
        h[DSQRT] = hash_d(h[DSQRT], sqrt(fabs(a)));
        h[DCMP] = fnv_u64(h[DCMP], (uint64_t)((a < b) | (a <= b) << 1 | (a == b) << 2 |
                                              (a != b) << 3 | (isunordered(a, b) != 0) << 4));
        float fa = (float)a, fb = (float)b;
        h[CVT] = hash_f(h[CVT], fa);
        h[CVT] = hash_d(h[CVT], (double)fb);
        h[FADD] = hash_f(h[FADD], fa + fb);
        h[FSUB] = hash_f(h[FSUB], fa - fb);
        h[FMUL] = hash_f(h[FMUL], fa * fb);
        h[FDIV] = hash_f(h[FDIV], fa / fb);
        h[FSQRT] = hash_f(h[FSQRT], sqrtf(fabsf(fa)));
        h[FCMP] = fnv_u64(h[FCMP], (uint64_t)((fa < fb) | (fa <= fb) << 1 | (fa == fb) << 2 |
                                              (fa > fb) << 3 | (isunordered(fa, fb) != 0) << 4));
    }
    for (int k = 0; k < NOPS; k++)
        printf("%-6s %016" PRIx64 "\n", names[k], h[k]);

    /* printf conversions */
    static const double show[] = { 0.1, 1.0 / 3.0, -2.5, 1e100, 123456789.125, 5e-324,
                                   2.2250738585072014e-308, 6.02214076e23, -0.0, 1e-5, 0.5 };
    for (unsigned i = 0; i < sizeof show / sizeof show[0]; i++) {
        vd = show[i];
        double d = vd;
        printf("%a | %.17g | %e | %f | %g | %.3f | %10.2e\n", d, d, d, d, d, d, d);
    }
    volatile float vf = 0.1f;
    float f = vf;
    printf("float 0.1: %a %.9g %e\n", (double)f, (double)f, (double)(f * 3.0f));
    printf("FLT_MAX %a FLT_MIN %a FLT_TRUE_MIN %a\n", (double)FLT_MAX, (double)FLT_MIN,
           (double)FLT_TRUE_MIN);

    /* infinities and NaNs: print facts, not NaN bits */
    volatile double zero = 0.0, one = 1.0, inf = INFINITY;
    double qnan = zero / zero;
    printf("1/0=%g -1/0=%g 1/-0=%g inf-inf isnan=%d 0*inf isnan=%d\n", one / zero, -one / zero,
           one / -zero, isnan(inf - inf), isnan(zero * inf));
    printf("nan==nan %d nan!=nan %d nan<1 %d nan>1 %d isunordered %d\n", qnan == qnan,
           qnan != qnan, qnan < 1.0, qnan > 1.0, isunordered(qnan, 1.0) != 0);
    printf("isinf %d %d isfinite %d %d signbit(-0) %d signbit(0) %d -0==0 %d\n", isinf(inf) != 0,
           isinf(-inf) != 0, isfinite(DBL_MAX) != 0, isfinite(inf) != 0, signbit(-zero) != 0,
           signbit(zero) != 0, -zero == zero);
    printf("fpclassify: %d %d %d %d %d\n", fpclassify(zero) == FP_ZERO,
           fpclassify(DBL_TRUE_MIN) == FP_SUBNORMAL, fpclassify(one) == FP_NORMAL,
           fpclassify(inf) == FP_INFINITE, fpclassify(qnan) == FP_NAN);
    printf("copysign %g %g fabs(-inf) %g\n", copysign(3.0, -zero), copysign(3.0, zero), fabs(-inf));
    printf("DBL_MAX*2=%g -DBL_MAX*2=%g DBL_TRUE_MIN/2=%g\n", DBL_MAX * (one + one),
           -DBL_MAX * (one + one), DBL_TRUE_MIN / (one + one));
    /* summation */
    double s = 0;
    float sf = 0;
    for (int i = 1; i <= 1000; i++) {
        s += 1.0 / i;
        sf += 1.0f / (float)i;
    }
    printf("harmonic(1000): %a %a\n", s, (double)sf);
    return 0;
}
