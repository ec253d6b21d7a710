/* fp_libm.c — floating point as compiled C uses it: glibc's libm (exp, log,
 * pow, trig, cbrt, hypot, fma, rint/floor/ceil/round/trunc, lrint/llround,
 * frexp/ldexp, fmod/remainder, nextafter) over edge values and a sweep, in
 * double and float; printf/strtod round trips; conversions between integers
 * and floats; and loops GCC vectorises at -O2 (sums, dot products, axpy,
 * min/max, int<->float) over arrays holding NaNs, infinities, zeros and
 * denormals. Every result is printed exactly (%a or bit patterns). */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double edges[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.0, 0.1, -0.3, 1e-300, -1e300,
    DBL_MIN, -DBL_MIN, DBL_MIN / 3, DBL_TRUE_MIN, DBL_MAX, -DBL_MAX, 2147483647.5, -2147483648.5,
    9007199254740993.0, 4503599627370495.5, 1e19, -1e19, 3.141592653589793, 710.0, -745.5,
    HUGE_VAL, -HUGE_VAL, NAN, -NAN,
};
#define NE (sizeof(edges) / sizeof(edges[0]))

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}
static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

/* a volatile read keeps GCC from folding the libm calls */
static volatile double vin[NE];
static volatile float vinf[NE];

static void libm_double(void)
{
    for (unsigned i = 0; i < NE; i++) {
        double x = vin[i], y = vin[(i * 7 + 3) % NE];
        printf("d %016" PRIx64 ":", bits(x));
        double r[] = {
            exp(x), log(x), log2(x), log10(x), log1p(x), expm1(x), sqrt(x), cbrt(x), sin(x),
            cos(x), tan(x), atan(x), asin(x), acos(x), sinh(x), tanh(x), pow(x, y),
            pow(x, 0.5), atan2(x, y), hypot(x, y), fma(x, y, 1.0), fmod(x, y), remainder(x, y),
            rint(x), nearbyint(x), floor(x), ceil(x), round(x), trunc(x), nextafter(x, y),
            fmax(x, y), fmin(x, y), fabs(x), copysign(x, y), ldexp(x, 7), logb(x),
        };
        for (unsigned k = 0; k < sizeof(r) / sizeof(r[0]); k++)
            printf(" %016" PRIx64, bits(r[k]));
        int e;
        double m = frexp(x, &e);
        long lr = isfinite(x) && fabs(x) < 1e18 ? lrint(x) : 0;
        long long ll = isfinite(x) && fabs(x) < 1e18 ? llround(x) : 0;
        printf(" %016" PRIx64 " %d %ld %lld %d\n", bits(m), e, lr, ll, ilogb(x));
    }
}

static void libm_float(void)
{
    for (unsigned i = 0; i < NE; i++) {
        float x = vinf[i], y = vinf[(i * 5 + 1) % NE];
        printf("f %08" PRIx32 ":", fbits(x));
        float r[] = {
            expf(x), logf(x), sqrtf(x), sinf(x), cosf(x), atanf(x), powf(x, y), hypotf(x, y),
            fmaf(x, y, 1.0f), fmodf(x, y), rintf(x), floorf(x), ceilf(x), roundf(x), truncf(x),
            fmaxf(x, y), fminf(x, y), nextafterf(x, y), cbrtf(x), tanhf(x),
        };
        for (unsigned k = 0; k < sizeof(r) / sizeof(r[0]); k++)
            printf(" %08" PRIx32, fbits(r[k]));
        printf(" %016" PRIx64 "\n", bits((double)x));
    }
}

static void text(void)
{
    char buf[64];
    for (unsigned i = 0; i < NE; i++) {
        double x = vin[i];
        snprintf(buf, sizeof(buf), "%.17g", x);
        double back = strtod(buf, NULL);
        printf("t %s %a %.3e %g %016" PRIx64 "\n", buf, x, x, (double)vinf[i], bits(back));
    }
    const char *in[] = {"0x1.fffffffffffff8p1023", "2.4703282292062327e-324", "1e-400",
                        "-0x1p-1075", "4.9406564584124654e-324", "1.7976931348623158e308", "nan",
                        "-inf", "0.1", "123456789012345678901234567890"};
    for (unsigned i = 0; i < sizeof(in) / sizeof(in[0]); i++)
        printf("s %s %016" PRIx64 " %08" PRIx32 "\n", in[i], bits(strtod(in[i], NULL)),
               fbits(strtof(in[i], NULL)));
}

static void convert(void)
{
    static const int64_t ints[] = {0, 1, -1, 0x7fffffff, -0x80000000ll, 0x20000000000001ll,
                                   -0x20000000000003ll, INT64_MAX, INT64_MIN, 0x1000001, 123456789};
    for (unsigned i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
        volatile int64_t v = ints[i];
        volatile uint64_t u = (uint64_t)ints[i];
        volatile int32_t w = (int32_t)ints[i];
        volatile uint32_t uw = (uint32_t)ints[i];
        printf("c %016" PRIx64 " %016" PRIx64 " %08" PRIx32 " %08" PRIx32 " %016" PRIx64
               " %08" PRIx32 "\n", bits((double)v), bits((double)u), fbits((float)v),
               fbits((float)u), bits((double)w), fbits((float)uw));
    }
    for (unsigned i = 0; i < NE; i++) {
        double x = vin[i];
        if (!isfinite(x) || fabs(x) >= 9e18)
            continue;
        volatile double vx = x;
        printf("i %016" PRIx64 " %" PRId64 " %" PRIu64 " %d %u\n", bits(x), (int64_t)vx,
               x >= 0 ? (uint64_t)vx : 0, fabs(x) < 2e9 ? (int32_t)vx : 0,
               x >= 0 && x < 4e9 ? (uint32_t)vx : 0u);
    }
}

/* loops the vectoriser turns into AdvSIMD FP */
#define LEN 200
static double da[LEN], db[LEN], dc[LEN];
static float fa[LEN], fb[LEN], fc[LEN];
static int32_t ia[LEN];

__attribute__((noinline)) static void axpy(double k)
{
    for (int i = 0; i < LEN; i++)
        dc[i] = da[i] * k + db[i];
}
__attribute__((noinline)) static void mulf(void)
{
    for (int i = 0; i < LEN; i++)
        fc[i] = fa[i] * fb[i] - fa[i] / (fb[i] + 3.0f);
}
__attribute__((noinline)) static void tofloat(void)
{
    for (int i = 0; i < LEN; i++)
        fc[i] = (float)ia[i] * 0.25f;
}
__attribute__((noinline)) static void toint(void)
{
    for (int i = 0; i < LEN; i++)
        ia[i] = (int32_t)(fa[i] * 0.5f);
}
__attribute__((noinline)) static void absneg(void)
{
    for (int i = 0; i < LEN; i++)
        dc[i] = -fabs(da[i]) + sqrt(fabs(db[i]));
}
__attribute__((noinline)) static void widen(void)
{
    for (int i = 0; i < LEN; i++)
        dc[i] = (double)fa[i] + (double)fb[i];
}

static void vector_loops(void)
{
    for (int i = 0; i < LEN; i++) {
        da[i] = vin[i % NE] * (i + 1) / 64.0;
        db[i] = vin[(i * 3 + 1) % NE];
        fa[i] = (float)da[i];
        fb[i] = vinf[(i * 5 + 2) % NE];
        ia[i] = (int32_t)(i * 2654435761u);
    }
    axpy(1.5);
    for (int i = 0; i < LEN; i++)
        printf("%016" PRIx64 "%c", bits(dc[i]), i % 8 == 7 ? '\n' : ' ');
    mulf();
    for (int i = 0; i < LEN; i++)
        printf("%08" PRIx32 "%c", fbits(fc[i]), i % 8 == 7 ? '\n' : ' ');
    tofloat();
    for (int i = 0; i < LEN; i++)
        printf("%08" PRIx32 "%c", fbits(fc[i]), i % 8 == 7 ? '\n' : ' ');
    toint();
    for (int i = 0; i < LEN; i++)
        printf("%08" PRIx32 "%c", (uint32_t)ia[i], i % 8 == 7 ? '\n' : ' ');
    absneg();
    for (int i = 0; i < LEN; i++)
        printf("%016" PRIx64 "%c", bits(dc[i]), i % 8 == 7 ? '\n' : ' ');
    widen();
    for (int i = 0; i < LEN; i++)
        printf("%016" PRIx64 "%c", bits(dc[i]), i % 8 == 7 ? '\n' : ' ');
    printf("\n");
}

int main(void)
{
    for (unsigned i = 0; i < NE; i++) {
        vin[i] = edges[i];
        vinf[i] = (float)edges[i];
    }
    libm_double();
    libm_float();
    text();
    convert();
    vector_loops();
    return 0;
}
