/* fenv — dynamic rounding modes (fesetround) as seen by arithmetic, conversions
 * and nearbyint/rint/lrint, and the accrued exception flags after operations
 * that raise each of them. Operands are volatile so nothing is folded at
 * compile time under the default mode. */
#include <float.h>
#include <limits.h>
#include "common.h"

static const struct { int mode; const char *name; } modes[] = {
    { FE_TONEAREST, "nearest" }, { FE_UPWARD, "upward" },
    { FE_DOWNWARD, "downward" }, { FE_TOWARDZERO, "towardzero" },
};

static volatile double v_one = 1.0, v_three = 3.0, v_two = 2.0, v_tenth = 0.1, v_zero = 0.0;
static volatile double v_max = DBL_MAX, v_min = DBL_MIN, v_neg = -1.0, v_inf = INFINITY;
static volatile float f_one = 1.0f, f_three = 3.0f, f_max = FLT_MAX, f_min = FLT_MIN;
static volatile int64_t v_big = (1ll << 53) + 1, v_big2 = INT64_MAX;
static volatile uint64_t v_ubig = UINT64_MAX - 1000;
static volatile int32_t v_i32 = 16777217;

static void rounding(void)
{
    static const double vals[] = { 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.7, -2.7, 1e15 + 0.5,
                                   -0.0, 4503599627370495.5 };
    for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        CHECK(fesetround(modes[m].mode) == 0);
        CHECK(fegetround() == modes[m].mode);
        double q = v_one / v_three, nq = -v_one / v_three, s = sqrt(v_two);
        double sum = 0;
        for (int i = 0; i < 10; i++) sum += v_tenth;
        double fm = fma(v_tenth, v_three, -0.3);
        float fq = f_one / f_three;
        float narrow = (float)(v_one / v_three);
        double i2d = (double)v_big, i2d2 = (double)v_big2, u2d = (double)v_ubig;
        float i2f = (float)v_i32, l2f = (float)v_big;
        double ovf = v_max * v_two, neg_ovf = -v_max * v_two, unf = v_min * v_min;
        long r[sizeof vals / sizeof vals[0]][3];
        double ni[sizeof vals / sizeof vals[0]];
        for (unsigned k = 0; k < sizeof vals / sizeof vals[0]; k++) {
            volatile double x = vals[k];
            ni[k] = nearbyint(x);
            r[k][0] = (long)rint(x);
            r[k][1] = lrint(x);
            r[k][2] = (long)llrint(x);
        }
        fesetround(FE_TONEAREST);   /* print in one mode */
        printf("[%s]\n", modes[m].name);
        printf("  1/3=%a -1/3=%a sqrt2=%a sum(0.1x10)=%a fma=%a\n", q, nq, s, sum, fm);
        printf("  f1/3=%a d->f=%a\n", (double)fq, (double)narrow);
        printf("  (double)(2^53+1)=%a (double)INT64_MAX=%a (double)(UINT64_MAX-1000)=%a\n", i2d,
               i2d2, u2d);
        printf("  (float)16777217=%a (float)(2^53+1)=%a\n", (double)i2f, (double)l2f);
        printf("  DBL_MAX*2=%a -DBL_MAX*2=%a DBL_MIN^2=%a\n", ovf, neg_ovf, unf);
        printf("  nearbyint/rint/lrint/llrint:");
        for (unsigned k = 0; k < sizeof vals / sizeof vals[0]; k++)
            printf(" %g:%g/%ld/%ld/%ld", vals[k], ni[k], r[k][0], r[k][1], r[k][2]);
        printf("\n");
    }
}

static void report(const char *what) { printf("  %-22s %s\n", what, flag_str()); }
#define FLAGS(what, expr)                   \
    do {                                    \
        feclearexcept(FE_ALL_EXCEPT);       \
        volatile double r_ = (expr);        \
        (void)r_;                           \
        report(what);                       \
    } while (0)
#define FLAGSF(what, expr)                  \
    do {                                    \
        feclearexcept(FE_ALL_EXCEPT);       \
        volatile float r_ = (expr);         \
        (void)r_;                           \
        report(what);                       \
    } while (0)

static void flags(void)
{
    printf("flags (N invalid, Z divbyzero, O overflow, U underflow, X inexact):\n");
    FLAGS("2+2", v_two + v_two);
    FLAGS("1/3", v_one / v_three);
    FLAGS("1/0", v_one / v_zero);
    FLAGS("0/0", v_zero / v_zero);
    FLAGS("inf-inf", v_inf - v_inf);
    FLAGS("0*inf", v_zero * v_inf);
    FLAGS("sqrt(-1)", sqrt(v_neg));
    FLAGS("sqrt(4)", sqrt(v_two + v_two));
    FLAGS("DBL_MAX*2", v_max * v_two);
    FLAGS("DBL_MIN*DBL_MIN", v_min * v_min);
    FLAGS("DBL_MIN/2 (exact)", v_min / v_two);
    FLAGS("DBL_MIN/3 (inexact)", v_min / v_three);
    FLAGS("inf*2", v_inf * v_two);
    FLAGS("1/inf", v_one / v_inf);
    FLAGS("fma(max,2,-inf)", fma(v_max, v_two, -v_inf));
    FLAGS("fma(0,inf,1)", fma(v_zero, v_inf, v_one));
    FLAGS("(float)DBL_MAX", (float)v_max);
    FLAGS("(float)DBL_MIN", (float)v_min);
    FLAGS("(float)0.1", (float)v_tenth);
    FLAGS("(float)0.5", (float)(v_one / v_two));
    FLAGSF("f1/3", f_one / f_three);
    FLAGSF("FLT_MAX*3", f_max * f_three);
    FLAGSF("FLT_MIN*FLT_MIN", f_min * f_min);
    FLAGSF("f1/0", f_one / (float)v_zero);
    FLAGS("(double)(2^53+1)", (double)v_big);
    FLAGS("(double)(2^52)", (double)(v_big >> 1));
    FLAGSF("(float)16777217", (float)v_i32);
    {
        feclearexcept(FE_ALL_EXCEPT);
        volatile long l = (long)(v_one / v_two * 5.0);   /* 2.5 -> 2, inexact */
        (void)l;
        report("(long)2.5");
        feclearexcept(FE_ALL_EXCEPT);
        l = (long)(v_two * 3.0);
        report("(long)6.0");
        feclearexcept(FE_ALL_EXCEPT);
        volatile double nb = nearbyint(v_one / v_two * 5.0);
        (void)nb;
        report("nearbyint(2.5)");
        feclearexcept(FE_ALL_EXCEPT);
        nb = rint(v_one / v_two * 5.0);
        report("rint(2.5)");
    }

    /* flag plumbing */
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    report("raise O|X");
    fexcept_t saved;
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    report("cleared");
    fesetexceptflag(&saved, FE_OVERFLOW);
    report("restored O only");
    feclearexcept(FE_INEXACT);
    feraiseexcept(FE_DIVBYZERO);
    report("plus Z");
    fenv_t env;
    feholdexcept(&env);   /* saves and clears flags */
    report("feholdexcept");
    volatile double x = v_one / v_three;
    (void)x;
    report("then 1/3");
    fesetround(FE_UPWARD);
    feupdateenv(&env);    /* restores O|Z, merges X, restores nearest */
    report("feupdateenv");
    printf("  round after feupdateenv is nearest: %d\n", fegetround() == FE_TONEAREST);
    fegetenv(&env);
    fesetround(FE_DOWNWARD);
    feclearexcept(FE_ALL_EXCEPT);
    fesetenv(&env);
    report("fesetenv");
    printf("  round after fesetenv is nearest: %d\n", fegetround() == FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    fesetenv(FE_DFL_ENV);
    report("FE_DFL_ENV");
}

int main(void)
{
    rounding();
    flags();
    printf("checks failed: %d\n", check_failures);
    return 0;
}
