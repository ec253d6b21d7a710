/* libm — the maths library. Correctly rounded functions (sqrt, fma, floor &
 * co., fmod, remainder, frexp/ldexp, nextafter, fmin/fmax...) are printed
 * exactly with %a. Transcendental functions are printed to 13 significant
 * digits (floats to 5): glibc builds them differently per architecture (x86-64
 * picks FMA variants at run time), so the last bit may legitimately differ from
 * the native build. Every value printed that way was checked to print the same
 * 2 ulps either side; fp_bits compares the exact bits against qemu instead. */
#include <float.h>
#include "common.h"

static volatile double vzero = 0.0;

/* launder constants so the compiler cannot fold the call at build time */
static double V(double x)
{
    volatile double v = x;
    return v;
}
static float VF(float x)
{
    volatile float v = x;
    return v;
}

static void approx(const char *name, double (*f)(double), const volatile double *xs, int n)
{
    printf("%-6s", name);
    for (int i = 0; i < n; i++) {
        double r = f(xs[i]);
        if (isnan(r)) printf(" nan");          /* NaN sign differs between arches */
        else printf(" %.13g", r);
    }
    printf("\n");
}

static void approxf(const char *name, float (*f)(float), const volatile double *xs, int n)
{
    printf("%-6s", name);
    for (int i = 0; i < n; i++) {
        float r = f((float)xs[i]);
        if (isnan(r)) printf(" nan");
        else printf(" %.5g", (double)r);
    }
    printf("\n");
}

int main(void)
{
    static const volatile double xs[] = { 0.0, 0.5, 1.0, -1.0, 2.0, 3.14159, 10.0, -7.25, 100.0, 1e-8, 0.7 };
    const int n = sizeof xs / sizeof xs[0];
    static const volatile double pos[] = { 1e-300, 1e-8, 0.5, 1.0, 2.0, 10.0, 12345.678, 1e100, 1e300 };
    const int np = sizeof pos / sizeof pos[0];
    approx("sin", sin, xs, n);
    approx("cos", cos, xs, n);
    approx("tan", tan, xs, n);
    approx("asin", asin, xs, n);
    approx("atan", atan, xs, n);
    approx("exp", exp, xs, n);
    approx("expm1", expm1, xs, n);
    approx("exp2", exp2, xs, n);
    approx("sinh", sinh, xs, n);
    approx("tanh", tanh, xs, n);
    approx("erf", erf, xs, n);
    approx("cbrt", cbrt, xs, n);
    approx("log", log, pos, np);
    approx("log2", log2, pos, np);
    approx("log10", log10, pos, np);
    approx("log1p", log1p, pos, np);
    approx("tgamma", tgamma, pos, 6);
    approxf("sinf", sinf, xs, n);
    approxf("cosf", cosf, xs, n);
    approxf("expf", expf, xs, n);
    approxf("logf", logf, pos, np - 2);

    printf("pow:");
    static const volatile double pb[] = { 2.0, 10.0, 0.5, -2.0, 1.0001, 0.0, -0.0 };
    static const volatile double pe[] = { 0.5, 10.0, -3.0, 3.0, 10000.0, 0.0, -1.0 };
    for (unsigned i = 0; i < sizeof pb / sizeof pb[0]; i++)
        for (unsigned j = 0; j < sizeof pe / sizeof pe[0]; j++) {
            double r = pow(pb[i], pe[j]);
            if (isnan(r)) printf(" nan");
            else printf(" %.13g", r);
        }
    printf("\n");
    printf("pow exact: %a %a %a %a\n", pow(V(2.0), V(10.0)), pow(V(2.0), V(-1074.0)), pow(V(-2.0), V(3.0)),
           pow(V(1.0), V(NAN)));
    printf("atan2: %.13g %.13g %.13g %.13g %.13g %.13g\n", atan2(V(1.0), V(1.0)), atan2(V(-1.0), V(-1.0)),
           atan2(V(0.0), V(-1.0)), atan2(V(-0.0), V(-1.0)), atan2(V(1.0), V(0.0)), atan2(V(0.0), V(0.0)));
    printf("hypot: %a %a %.13g\n", hypot(V(3.0), V(4.0)), hypot(V(INFINITY), V(NAN)), hypot(V(1e300), V(1e300)));

    /* correctly rounded: exact */
    printf("sqrt: %a %a %a %a %a\n", sqrt(V(2.0)), sqrt(V(0x1p-1074)), sqrt(V(1e300)), sqrt(V(-0.0)),
           sqrt(V(INFINITY)));
    printf("sqrtf: %a %a\n", (double)sqrtf(VF(2.0f)), (double)sqrtf(VF(1e-40f)));
    printf("fma: %a %a %a %a\n", fma(V(0.1), V(10.0), V(-1.0)), fma(V(1.0 + 0x1p-52), V(1.0 - 0x1p-53), V(-1.0)),
           fma(V(DBL_MAX), V(2.0), V(-DBL_MAX)), fma(V(0x1p-1000), V(0x1p-100), V(0x1p-1074)));
    printf("fmaf: %a %a\n", (double)fmaf(VF(0.1f), VF(10.0f), VF(-1.0f)),
           (double)fmaf(VF(1.0f + 0x1p-23f), VF(1.0f - 0x1p-24f), VF(-1.0f)));
    static const volatile double rr[] = { 2.5, -2.5, 3.5, -0.5, 0.49999999999999994, 1e16 + 1,
                                          -7.9, -0.0 };
    for (unsigned i = 0; i < sizeof rr / sizeof rr[0]; i++) {
        double x = rr[i];
        printf("round %a: floor %a ceil %a trunc %a round %a lround %ld rint %a\n", x, floor(x),
               ceil(x), trunc(x), round(x), lround(x), rint(x));
    }
    printf("floorf/ceilf/roundf/truncf: %a %a %a %a\n", (double)floorf(VF(-1.5f)),
           (double)ceilf(VF(-1.5f)), (double)roundf(VF(-1.5f)), (double)truncf(VF(-1.5f)));
    printf("fmod: %a %a %a %a\n", fmod(V(10.0), V(3.0)), fmod(V(-10.0), V(3.0)), fmod(V(1e300), V(7.0)),
           fmod(V(5.5), V(INFINITY)));
    printf("remainder: %a %a %a\n", remainder(V(10.0), V(3.0)), remainder(V(11.0), V(2.0)),
           remainder(V(-1e300), V(3.0)));
    int q;
    double rq = remquo(V(29.0), V(3.0), &q);
    printf("remquo: %a q=%d\n", rq, q);
    int e;
    double m = frexp(V(12345.678), &e);
    printf("frexp: %a %d", m, e);
    m = frexp(V(0x1p-1070), &e);
    printf(" %a %d\n", m, e);
    printf("ldexp: %a %a %a scalbn %a ilogb %d logb %a\n", ldexp(V(1.0), 1023), ldexp(V(1.0), 1024),
           ldexp(V(1.0), -1074), scalbn(V(3.0), -1075), ilogb(V(1e-310)), logb(V(1e300)));
    double ip;
    double fr = modf(V(-3.75), &ip);
    printf("modf: %a %a", fr, ip);
    printf(" nextafter: %a %a %a\n", nextafter(V(1.0), V(2.0)), nextafter(V(0.0), V(-1.0)),
           nextafter(V(DBL_MAX), V(INFINITY)));
    printf("nextafterf: %a\n", (double)nextafterf(VF(1.0f), VF(0.0f)));
    printf("copysign: %a %a fabs %a fdim %a %a\n", copysign(V(1.0), V(-0.0)), copysign(V(-2.0), V(1.0)),
           fabs(V(-0.0)), fdim(V(5.0), V(3.0)), fdim(V(3.0), V(5.0)));

    /* fmin/fmax: a quiet NaN operand is ignored */
    double qn = vzero / vzero;
    printf("fmin/fmax: %a %a %a %a %a %a\n", fmin(qn, V(1.0)), fmin(V(1.0), qn), fmax(qn, V(-1.0)),
           fmax(V(-1.0), qn), fmin(V(-3.0), V(2.0)), fmax(V(-3.0), V(2.0)));
    printf("fmin(nan,nan) isnan %d fminf %a fmaxf %a\n", isnan(fmin(qn, qn)) != 0,
           (double)fminf((float)qn, VF(2.0f)), (double)fmaxf(VF(-2.0f), (float)qn));
    printf("fmin/fmax inf: %a %a\n", fmin(V(-INFINITY), V(0.0)), fmax(V(INFINITY), V(DBL_MAX)));
    return 0;
}
