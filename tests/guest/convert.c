/* convert — conversions between integers and floating point.
 *
 * In-range conversions go through plain C casts. Out-of-range and NaN inputs
 * (undefined in C, and where x86-64 and RISC-V instructions really differ) go
 * through rv_fcvt_* from common.h: the fcvt instruction itself on riscv64, its
 * specified result computed in C elsewhere — so both builds print the RISC-V
 * answer, including the invalid/inexact flags, for all five static rounding
 * modes (rmm, ties-away, has no x86 equivalent). */
#include <float.h>
#include <limits.h>
#include "common.h"

static const double tricky[] = {
    0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, -1.0, -1.5, 0.9999, 3.5, -3.5,
    2147483647.0, 2147483647.5, 2147483648.0, -2147483648.0, -2147483648.5, -2147483649.0,
    4294967295.0, 4294967295.5, 4294967296.0, 9223372036854775808.0, 9223372036854774784.0,
    -9223372036854775808.0, -9223372036854777856.0, 18446744073709549568.0,
    18446744073709551616.0, 1e300, -1e300, 5e-324, -5e-324, INFINITY, -INFINITY, NAN,
};
#define NTRICKY ((int)(sizeof tricky / sizeof tricky[0]))

static void c_casts(void)
{
    static const double in_range[] = { 0.0, -0.0, 0.1, -0.9, 1.0, -1.0, 126.99, -127.99, 32767.5,
                                       -32768.75, 2147483647.9, -2147483648.9, 1e15 + 0.25,
                                       -9.2233720368547748e18, 9.2233720368547748e18 };
    uint64_t h = FNV_INIT;
    printf("C casts (double -> int32 int64 [uint32 uint64 for >= 0]):\n");
    for (unsigned i = 0; i < sizeof in_range / sizeof in_range[0]; i++) {
        volatile double d = in_range[i];
        int64_t l = (int64_t)d;
        printf("  %.17g -> ", d);
        if (d > -2147483649.0 && d < 2147483648.0) printf("%d ", (int)d);
        printf("%" PRId64, l);
        if (d > -1.0 && d < 4294967296.0) printf(" %u", (unsigned)d);
        if (d > -1.0) printf(" %" PRIu64, (uint64_t)d);
        if (d > -129.0 && d < 128.0) printf(" int8 %d", (int8_t)d);
        if (d > -32769.0 && d < 32768.0) printf(" int16 %d", (int16_t)d);
        volatile float f = (float)d;
        if (f > -2147483649.0f && f < 2147483648.0f) printf(" float->int %d", (int)f);
        printf("\n");
    }
    /* uint64 >= 2^63: x86 needs a special sequence for these */
    static const double big_u[] = { 9223372036854775808.0, 9223372036854777856.0,
                                    18446744073709549568.0, 1e19 };
    for (unsigned i = 0; i < sizeof big_u / sizeof big_u[0]; i++) {
        volatile double d = big_u[i];
        volatile float f = (float)d;
        printf("  %.17g -> uint64 %" PRIu64, d, (uint64_t)d);
        if (f < 18446744073709551616.0f) /* else the float rounded up to 2^64 */
            printf(" (float) %" PRIu64, (uint64_t)f);
        printf("\n");
    }
    /* integers -> floating point (default rounding) */
    static const int64_t ints[] = { 0, 1, -1, 16777215, 16777216, 16777217, 16777219, -16777217,
                                    INT32_MAX, INT32_MIN, (1ll << 53) + 1, (1ll << 53) + 3,
                                    -(1ll << 53) - 1, INT64_MAX, INT64_MIN, INT64_MIN + 1,
                                    0x7ffffffffffffdffll, 0x123456789abcdefll };
    for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        volatile int64_t v = ints[i];
        volatile int32_t w = (int32_t)ints[i];
        volatile uint64_t u = (uint64_t)ints[i];
        volatile uint32_t uw = (uint32_t)ints[i];
        printf("  %" PRId64 ": d %a f %a | u64 d %a f %a | i32 d %a f %a | u32 d %a f %a\n",
               (int64_t)v, (double)v, (double)(float)v, (double)u, (double)(float)u, (double)w,
               (double)(float)w, (double)uw, (double)(float)uw);
        h = fnv_u64(h, dbits((double)v));
    }
    /* sweep: random int64 -> double -> int64 round trips */
    rng_seed(99);
    for (int i = 0; i < 20000; i++) {
        int64_t v = (int64_t)rng64() >> rng_below(64);
        volatile double d = (double)v;
        volatile float f = (float)v;
        h = fnv_u64(h, dbits(d));
        h = fnv_u64(h, fbits(f));
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) h = fnv_u64(h, (uint64_t)(int64_t)d);
        uint64_t u = rng64() >> rng_below(64);
        volatile double du = (double)u;
        volatile float fu = (float)u;
        h = fnv_u64(h, dbits(du));
        h = fnv_u64(h, fbits(fu));
        if (du < 18446744073709551616.0) h = fnv_u64(h, (uint64_t)du);
        volatile double frac = (double)(int64_t)(rng64() >> 20) / 1024.0;
        h = fnv_u64(h, (uint64_t)(int64_t)frac);
    }
    printf("  sweep hash %016" PRIx64 "\n", h);
}

static void float_narrowing(void)
{
    printf("double -> float:\n");
    static const double d[] = {
        1.0 + 0x1p-24,                 /* halfway, rounds to even (down) */
        1.0 + 0x1p-23 + 0x1p-24,       /* halfway, rounds to even (up) */
        1.0 + 0x1p-24 + 0x1p-52,       /* just above halfway */
        0x1.fffffefffffffp+127,        /* just below FLT_MAX rounding boundary */
        0x1.ffffffp+127,               /* rounds to inf */
        0x1p-149,                      /* FLT_TRUE_MIN */
        0x1p-150,                      /* halfway to 0: rounds to 0 (even) */
        0x1.8p-150,                    /* rounds up to FLT_TRUE_MIN */
        0x1.fffffcp-127,               /* subnormal float */
        -0x1p-200, 1e39, -1e39, 3.4028235677973366e38,
    };
    for (unsigned i = 0; i < sizeof d / sizeof d[0]; i++) {
        feclearexcept(FE_ALL_EXCEPT);
        volatile double x = d[i];
        volatile float f = (float)x;
        const char *fl = flag_str();
        printf("  %a -> %a %s\n", x, (double)f, fl);
    }
}

static void rv_cvt(void)
{
    static const char *kn[] = { "w", "wu", "l", "lu" };
    printf("fcvt (RISC-V semantics; value then flags):\n");
    for (int i = 0; i < NTRICKY; i++) {
        double x = tricky[i];
        printf("  %-24.17g", x);
        for (int k = 0; k < 4; k++) {
            printf(" %s:", kn[k]);
            for (int rm = 0; rm < 5; rm++) {
                int64_t r = rv_fcvt_d((enum rv_cvt)k, rm, x);
                const char *fl = flag_str();
                printf("%s%" PRIx64 "%s", rm ? "," : "", (uint64_t)r,
                       fl[0] == 'N' ? "!" : fl[4] == 'X' ? "~" : "");
            }
        }
        printf("\n");
    }
    printf("fcvt from float:\n");
    for (int i = 0; i < NTRICKY; i++) {
        float x = (float)tricky[i];
        printf("  %-16.9g", (double)x);
        for (int k = 0; k < 4; k++) {
            printf(" %s:", kn[k]);
            for (int rm = 0; rm < 5; rm++) {
                int64_t r = rv_fcvt_s((enum rv_cvt)k, rm, x);
                const char *fl = flag_str();
                printf("%s%" PRIx64 "%s", rm ? "," : "", (uint64_t)r,
                       fl[0] == 'N' ? "!" : fl[4] == 'X' ? "~" : "");
            }
        }
        printf("\n");
    }
    printf("(rounding modes in order: rne,rtz,rdn,rup,rmm; ! invalid, ~ inexact)\n");
}

int main(void)
{
    c_casts();
    float_narrowing();
    rv_cvt();
    return 0;
}
