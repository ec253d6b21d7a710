/* fp_fenv.c — the FP environment through <fenv.h> and FPCR/FPSR directly:
 * every rounding mode applied to arithmetic, conversions and rint (scalar
 * and vector), each exception raised by an operation and read back by
 * fetestexcept / FPSR (IDC, UFC without IXC under FZ, tininess before
 * rounding), feraiseexcept/feclearexcept/fegetenv/fesetenv/feholdexcept/
 * feupdateenv, and FZ/DN/AHP set with MSR FPCR. */
#include <arm_neon.h>
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t get_fpcr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpcr" : "=r"(v));
    return v;
}
static void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" : : "r"(v)); }
static uint64_t get_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}
static void set_fpsr(uint64_t v) { __asm__ volatile("msr fpsr, %0" : : "r"(v)); }

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

static volatile double one = 1.0, three = 3.0, tiny = 0x1p-1022, huge = DBL_MAX, zero = 0.0;
static volatile double den = 0x1p-1070, half_ulp = 0x1.fffffffffffffp-1;
static volatile float fthree = 3.0f, fone = 1.0f, ftiny = 0x1p-126f, fbig = 70000.0f;
/* results go through memory so the FPSR reads that follow are ordered after
 * the operations */
static volatile float32x4_t vres;
static volatile float16x4_t hres;

static void excepts(const char *what)
{
    printf("%-28s fpsr %08" PRIx64 " fetest %02x\n", what, get_fpsr(),
           fetestexcept(FE_ALL_EXCEPT));
    feclearexcept(FE_ALL_EXCEPT);
    set_fpsr(0);
}

static void rounding(void)
{
    static const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    for (unsigned m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double q = one / three, nq = -one / three;
        volatile float fq = fone / fthree;
        volatile double s = sqrt(three), ovf = huge * three, sum = one + 0x1p-53;
        float32x4_t v = vdivq_f32(vdupq_n_f32(fone), vdupq_n_f32(fthree));
        float64x2_t vd = vsqrtq_f64(vdupq_n_f64(three));
        printf("mode %d fpcr %08" PRIx64 " getround %d: %016" PRIx64 " %016" PRIx64 " %08" PRIx32
               " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %08" PRIx32 " %016" PRIx64
               " rint %.1f %.1f lrint %ld %ld conv %d %d\n",
               m, get_fpcr(), fegetround() == modes[m], bits(q), bits(nq), fbits(fq), bits(s),
               bits(ovf), bits(sum), fbits(vgetq_lane_f32(v, 2)), bits(vgetq_lane_f64(vd, 1)),
               rint(2.5 * one), rint(-2.5 * one), lrint(3.5 * one), lrint(-0.5 * one),
               (int)(2.7 * one), (int)(-2.7 * one));
        feclearexcept(FE_ALL_EXCEPT);
    }
    fesetround(FE_TONEAREST);
}

static void exceptions(void)
{
    feclearexcept(FE_ALL_EXCEPT);
    set_fpsr(0);
    volatile double r;
    r = one / three;
    excepts("inexact");
    r = one / zero;
    excepts("divide by zero");
    r = zero / zero;
    excepts("invalid 0/0");
    r = huge * three;
    excepts("overflow");
    r = tiny / three;
    excepts("underflow");
    r = tiny * half_ulp;                /* rounds up to DBL_MIN: tiny before rounding */
    excepts("underflow at DBL_MIN");
    r = tiny * 0.5;                     /* exact denormal: no underflow */
    excepts("exact denormal");
    r = sqrt(-one);
    excepts("sqrt(-1)");
    (void)r;
    volatile long l = (long)(huge * one);
    excepts("convert overflow");
    (void)l;
    feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    excepts("feraiseexcept");
    fenv_t env;
    r = one / three;
    fegetenv(&env);
    feclearexcept(FE_ALL_EXCEPT);
    fesetround(FE_UPWARD);
    fesetenv(&env);
    excepts("fesetenv restores");
    printf("round after fesetenv %d\n", fegetround());
    feholdexcept(&env);
    r = one / zero;
    feupdateenv(&env);
    excepts("feupdateenv");
}

static void fpcr_modes(void)
{
    uint64_t base = get_fpcr();
    /* FZ: denormal inputs flushed (IDC), tiny results flushed (UFC alone) */
    set_fpcr(base | (1u << 24));
    set_fpsr(0);
    volatile double r = den + 0.0;
    printf("fz den+0 %016" PRIx64 " fpsr %08" PRIx64 "\n", bits(r), get_fpsr());
    set_fpsr(0);
    r = tiny / three;
    printf("fz tiny/3 %016" PRIx64 " fpsr %08" PRIx64 "\n", bits(r), get_fpsr());
    set_fpsr(0);
    r = tiny * half_ulp;
    printf("fz tiny*(1-ulp) %016" PRIx64 " fpsr %08" PRIx64 "\n", bits(r), get_fpsr());
    set_fpsr(0);
    vres = vmulq_f32(vdupq_n_f32(ftiny), vdupq_n_f32((float)three / 4));
    uint64_t f1 = get_fpsr();
    printf("fz vector %08" PRIx32 " fpsr %08" PRIx64 "\n", fbits(vgetq_lane_f32(vres, 3)), f1);
    set_fpsr(0);
    volatile int c = den < 0x1p-1074 * 2;
    uint64_t f2 = get_fpsr();
    printf("fz compare %d fpsr %08" PRIx64 "\n", c, f2);
    /* DN: the default NaN */
    set_fpcr(base | (1u << 25));
    volatile double n = -NAN;
    r = n + 1.0;
    volatile float fr = (float)n;
    printf("dn %016" PRIx64 " %08" PRIx32 "\n", bits(r), fbits(fr));
    /* AHP: the alternative half format */
    set_fpcr(base | (1u << 26));
    set_fpsr(0);
    hres = vcvt_f16_f32(vsetq_lane_f32(INFINITY, vdupq_n_f32(fbig), 1));
    vres = vcvt_f32_f16(hres);
    uint64_t f3 = get_fpsr(), hb;
    float16x4_t h = hres;
    memcpy(&hb, &h, 8);
    printf("ahp %016" PRIx64 " %08" PRIx32 " fpsr %08" PRIx64 "\n", hb,
           fbits(vgetq_lane_f32(vres, 0)), f3);
    set_fpcr(base);
    printf("fpcr back %08" PRIx64 "\n", get_fpcr());
}

int main(void)
{
    rounding();
    exceptions();
    fpcr_modes();
    return 0;
}
