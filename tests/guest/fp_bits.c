/* fp_bits — floating-point results whose exact bits are architecture-specific,
 * so this test is compared against qemu-riscv64-static, not the native build
 * (see tests/guest/tests.list):
 *  - the NaN an operation produces: RISC-V returns the canonical NaN
 *    (0x7ff8000000000000), x86-64 the negative "default NaN" or a propagated
 *    operand payload; printf shows "nan" vs "-nan";
 *  - fmin/fmax with signalling NaNs and with -0/+0 (RISC-V minimumNumber rules);
 *  - NaN-boxing of single-precision values in the 64-bit f registers;
 *  - long double, which is IEEE binary128 (soft-float) on riscv64 and x87
 *    80-bit on x86-64;
 *  - the last bit of libm's transcendental functions (glibc builds them per
 *    architecture), printed here exactly with %a. */
#include <float.h>
#include "common.h"

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

static void nans(void)
{
    double zero = V(0.0), inf = V(INFINITY), one = V(1.0);
    double qnan_payload = bitsd(0x7ff800000000abcdull), snan = bitsd(0x7ff000000000abcdull);
    double vq = V(qnan_payload), vs = V(snan);
    struct { const char *what; double r; } d[] = {
        { "0/0", zero / zero }, { "inf-inf", inf - inf }, { "0*inf", zero * inf },
        { "sqrt(-1)", sqrt(V(-1.0)) }, { "qnan(abcd)+1", vq + one }, { "1+qnan(abcd)", one + vq },
        { "snan(abcd)*1", vs * one }, { "-qnan(abcd)", -vq }, { "fabs(-qnan)", fabs(-vq) },
        { "copysign(qnan,-1)", copysign(vq, -one) }, { "fma(qnan,1,1)", fma(vq, one, one) },
        { "(double)(float)qnan", (double)(float)vq }, { "fmin(snan,1)", fmin(vs, one) },
        { "fmax(1,snan)", fmax(one, vs) }, { "fmin(qnan,qnan)", fmin(vq, vq) },
        { "fmin(-0,+0)", fmin(V(-0.0), zero) }, { "fmin(+0,-0)", fmin(zero, V(-0.0)) },
        { "fmax(-0,+0)", fmax(V(-0.0), zero) }, { "fmax(+0,-0)", fmax(zero, V(-0.0)) },
    };
    for (unsigned i = 0; i < sizeof d / sizeof d[0]; i++)
        printf("  %-22s %016" PRIx64 " %f\n", d[i].what, dbits(d[i].r), d[i].r);
    float fz = VF(0.0f), fq = bitsf(0x7fc00abc), fs = bitsf(0x7f800abc);
    float vfq = VF(fq), vfs = VF(fs);
    struct { const char *what; float r; } f[] = {
        { "f 0/0", fz / fz }, { "f qnan(abc)+1", vfq + VF(1.0f) }, { "f snan(abc)+1", vfs + VF(1.0f) },
        { "f -qnan", -vfq }, { "(float)qnan(abcd)", (float)vq }, { "fminf(snan,2)", fminf(vfs, VF(2.0f)) },
        { "fmaxf(-0,+0)", fmaxf(VF(-0.0f), fz) }, { "fminf(+0,-0)", fminf(fz, VF(-0.0f)) },
        { "sqrtf(-1)", sqrtf(VF(-1.0f)) },
    };
    for (unsigned i = 0; i < sizeof f / sizeof f[0]; i++)
        printf("  %-22s %08" PRIx32 " %f\n", f[i].what, fbits(f[i].r), (double)f[i].r);

    /* flags from signalling NaNs and ordered/unordered compares */
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r = vs + one;
    (void)r;
    printf("  snan+1 flags %s\n", flag_str());
    feclearexcept(FE_ALL_EXCEPT);
    volatile int c = vq == one;
    printf("  qnan==1 -> %d flags %s\n", c, flag_str());
    feclearexcept(FE_ALL_EXCEPT);
    c = vq < one;
    printf("  qnan<1 -> %d flags %s\n", c, flag_str());
    feclearexcept(FE_ALL_EXCEPT);
    c = vs == one;
    printf("  snan==1 -> %d flags %s\n", c, flag_str());
    feclearexcept(FE_ALL_EXCEPT);
    c = isless(vq, one);
    printf("  isless(qnan,1) -> %d flags %s\n", c, flag_str());
    feclearexcept(FE_ALL_EXCEPT);
    r = fmin(vs, one);
    printf("  fmin(snan,1) flags %s\n", flag_str());
}

static void boxing(void)
{
#if defined(__riscv)
    uint64_t raw;
    float one = VF(1.0f);
    /* a single-precision value lives NaN-boxed (upper 32 bits all ones) */
    __asm__ volatile("fmv.x.d %0, %1" : "=r"(raw) : "f"(one));
    printf("  boxed 1.0f: %016" PRIx64 "\n", raw);
    float sum;
    __asm__ volatile("fadd.s %0, %1, %1" : "=f"(sum) : "f"(one));
    __asm__ volatile("fmv.x.d %0, %1" : "=r"(raw) : "f"(sum));
    printf("  boxed 1+1: %016" PRIx64 "\n", raw);
    /* an improperly boxed single is read as the canonical NaN */
    float bad, out;
    uint64_t in = 0x000000003f800000ull;
    __asm__ volatile("fmv.d.x %0, %1" : "=f"(bad) : "r"(in));
    __asm__ volatile("fadd.s %0, %1, %1" : "=f"(out) : "f"(bad));
    printf("  unboxed 1.0f + itself: %08" PRIx32 "\n", fbits(out));
    __asm__ volatile("fmv.x.w %0, %1" : "=r"(raw) : "f"(bad));
    printf("  fmv.x.w of unboxed: %016" PRIx64 "\n", raw);
    /* fclass */
    static const double cls[] = { -INFINITY, -1.0, -1e-310, -0.0, 0.0, 1e-310, 1.0, INFINITY };
    printf("  fclass.d:");
    for (unsigned i = 0; i < sizeof cls / sizeof cls[0]; i++) {
        uint64_t k;
        __asm__ volatile("fclass.d %0, %1" : "=r"(k) : "f"(V(cls[i])));
        printf(" %" PRIx64, k);
    }
    uint64_t k;
    __asm__ volatile("fclass.d %0, %1" : "=r"(k) : "f"(V(bitsd(0x7ff0000000000001ull))));
    printf(" snan:%" PRIx64, k);
    __asm__ volatile("fclass.d %0, %1" : "=r"(k) : "f"(V(bitsd(0x7ff8000000000000ull))));
    printf(" qnan:%" PRIx64 "\n", k);
#else
    printf("  (riscv64 only)\n");
#endif
}

static void long_double(void)
{
    volatile long double one = 1.0L, three = 3.0L;
    long double third = one / three;
    printf("  sizeof %zu mant_dig %d max_exp %d\n", sizeof(long double), LDBL_MANT_DIG, LDBL_MAX_EXP);
    printf("  1/3 = %La\n  %.30Lg\n", third, third);
    printf("  sqrtl(2) = %La\n", sqrtl(one + one));
    printf("  (double)(1/3L) = %a\n", (double)third);
    printf("  DBL_MAX*4L = %Lg\n", (long double)DBL_MAX * 4);
}

static void libm_exact(void)
{
    static const volatile double xs[] = { 0.5, 1.0, 2.0, 3.14159, 10.0, -7.25, 100.0, 0.7, 1e22 };
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        double x = xs[i];
        printf("  %-8g sin %a cos %a tan %a exp %a log %a pow1.5 %a atan %a cbrt %a\n", x, sin(x),
               cos(x), tan(x), exp(x), log(fabs(x)), pow(fabs(x), 1.5), atan(x), cbrt(x));
        float fx = (float)x;
        printf("  %-8g sinf %a cosf %a expf %a logf %a powf %a\n", x, (double)sinf(fx),
               (double)cosf(fx), (double)expf(fx), (double)logf(fabsf(fx)),
               (double)powf(fabsf(fx), 1.5f));
    }
}

int main(void)
{
    printf("NaNs:\n");
    nans();
    printf("NaN boxing:\n");
    boxing();
    printf("long double:\n");
    long_double();
    printf("libm bits:\n");
    libm_exact();
    return 0;
}
