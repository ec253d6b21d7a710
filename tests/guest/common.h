/* common.h — helpers shared by the guest test programs (tests/guest/NAME.c).
 *
 * Every program is built twice, for riscv64 (static) and natively for x86-64,
 * and the harness requires both to print the same thing. So nothing here may
 * depend on the architecture except the rv_* helpers below, which run the real
 * RISC-V instruction on riscv64 and compute what the RISC-V spec says it returns
 * on any other host. They let a test exercise cases that are undefined in C
 * (division by zero, INT64_MIN / -1, out-of-range float->int) through a path
 * whose result is fully defined.
 */
#ifndef GUEST_COMMON_H
#define GUEST_COMMON_H

#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- deterministic PRNG (xorshift64*), fixed seed per test ---- */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static inline void rng_seed(uint64_t s) { rng_state = s ? s : 1; }
static inline uint64_t rng64(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}
static inline uint32_t rng_below(uint32_t n) { return (uint32_t)(rng64() >> 32) % n; }

/* ---- FNV-1a checksum ---- */
static inline uint64_t fnv_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001B3ull;
    }
    return h;
}
static inline uint64_t fnv_u64(uint64_t h, uint64_t v) { return fnv_bytes(h, &v, sizeof v); }
#define FNV_INIT 0xCBF29CE484222325ull

/* ---- soft checks: print the failing line, keep going, count ---- */
static int check_failures __attribute__((unused));
#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond)) {                                                     \
            check_failures++;                                              \
            printf("check failed: %s (line %d)\n", #cond, __LINE__);       \
        }                                                                  \
    } while (0)

static inline uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline double bitsd(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static inline float bitsf(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

/* the five IEEE flags as letters "NZOUX" (invalid, divbyzero, overflow,
 * underflow, inexact), '-' where clear */
static inline const char *flag_str(void)
{
    static char s[6];
    s[0] = fetestexcept(FE_INVALID) ? 'N' : '-';
    s[1] = fetestexcept(FE_DIVBYZERO) ? 'Z' : '-';
    s[2] = fetestexcept(FE_OVERFLOW) ? 'O' : '-';
    s[3] = fetestexcept(FE_UNDERFLOW) ? 'U' : '-';
    s[4] = fetestexcept(FE_INEXACT) ? 'X' : '-';
    s[5] = 0;
    return s;
}

/* ---- RISC-V integer division: defined for every input ---- */
#if defined(__riscv)
#define RV_BINOP(name, insn)                                               \
    static inline int64_t name(int64_t a, int64_t b)                       \
    {                                                                      \
        int64_t r;                                                         \
        __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));   \
        return r;                                                          \
    }
RV_BINOP(rv_div, "div")
RV_BINOP(rv_divu, "divu")
RV_BINOP(rv_rem, "rem")
RV_BINOP(rv_remu, "remu")
RV_BINOP(rv_divw, "divw")
RV_BINOP(rv_divuw, "divuw")
RV_BINOP(rv_remw, "remw")
RV_BINOP(rv_remuw, "remuw")
#undef RV_BINOP
#else
static inline int64_t sext32(uint32_t v) { return (int64_t)(int32_t)v; }
static inline int64_t rv_div(int64_t a, int64_t b)
{
    if (b == 0) return -1;
    if (a == INT64_MIN && b == -1) return INT64_MIN;
    return a / b;
}
static inline int64_t rv_rem(int64_t a, int64_t b)
{
    if (b == 0) return a;
    if (a == INT64_MIN && b == -1) return 0;
    return a % b;
}
static inline int64_t rv_divu(int64_t a, int64_t b)
{
    return b == 0 ? -1 : (int64_t)((uint64_t)a / (uint64_t)b);
}
static inline int64_t rv_remu(int64_t a, int64_t b)
{
    return b == 0 ? a : (int64_t)((uint64_t)a % (uint64_t)b);
}
static inline int64_t rv_divw(int64_t a64, int64_t b64)
{
    int32_t a = (int32_t)a64, b = (int32_t)b64;
    if (b == 0) return -1;
    if (a == INT32_MIN && b == -1) return INT32_MIN;
    return a / b;
}
static inline int64_t rv_remw(int64_t a64, int64_t b64)
{
    int32_t a = (int32_t)a64, b = (int32_t)b64;
    if (b == 0) return a;
    if (a == INT32_MIN && b == -1) return 0;
    return a % b;
}
static inline int64_t rv_divuw(int64_t a64, int64_t b64)
{
    uint32_t a = (uint32_t)a64, b = (uint32_t)b64;
    return b == 0 ? -1 : sext32(a / b);
}
static inline int64_t rv_remuw(int64_t a64, int64_t b64)
{
    uint32_t a = (uint32_t)a64, b = (uint32_t)b64;
    return b == 0 ? sext32(a) : sext32(a % b);
}
#endif

/* ---- RISC-V float -> integer conversion (fcvt.{w,wu,l,lu}.{s,d}) ----
 * rm: 0 rne, 1 rtz, 2 rdn, 3 rup, 4 rmm (static rounding modes).
 * Saturates out of range; NaN gives the maximum. Sets the IEEE flags the way
 * the instruction does (invalid when out of range or NaN, else inexact when
 * rounded), clearing them first. */
enum rv_cvt { CVT_W, CVT_WU, CVT_L, CVT_LU };
#if defined(__riscv)
#define RV_CVT_CASES(sfx, reg)                                                           \
    switch (kind * 8 + rm) {                                                             \
    case CVT_W * 8 + 0: __asm__ volatile("fcvt.w." sfx " %0,%1,rne" : "=r"(r) : "f"(x)); break; \
    case CVT_W * 8 + 1: __asm__ volatile("fcvt.w." sfx " %0,%1,rtz" : "=r"(r) : "f"(x)); break; \
    case CVT_W * 8 + 2: __asm__ volatile("fcvt.w." sfx " %0,%1,rdn" : "=r"(r) : "f"(x)); break; \
    case CVT_W * 8 + 3: __asm__ volatile("fcvt.w." sfx " %0,%1,rup" : "=r"(r) : "f"(x)); break; \
    case CVT_W * 8 + 4: __asm__ volatile("fcvt.w." sfx " %0,%1,rmm" : "=r"(r) : "f"(x)); break; \
    case CVT_WU * 8 + 0: __asm__ volatile("fcvt.wu." sfx " %0,%1,rne" : "=r"(r) : "f"(x)); break; \
    case CVT_WU * 8 + 1: __asm__ volatile("fcvt.wu." sfx " %0,%1,rtz" : "=r"(r) : "f"(x)); break; \
    case CVT_WU * 8 + 2: __asm__ volatile("fcvt.wu." sfx " %0,%1,rdn" : "=r"(r) : "f"(x)); break; \
    case CVT_WU * 8 + 3: __asm__ volatile("fcvt.wu." sfx " %0,%1,rup" : "=r"(r) : "f"(x)); break; \
    case CVT_WU * 8 + 4: __asm__ volatile("fcvt.wu." sfx " %0,%1,rmm" : "=r"(r) : "f"(x)); break; \
    case CVT_L * 8 + 0: __asm__ volatile("fcvt.l." sfx " %0,%1,rne" : "=r"(r) : "f"(x)); break; \
    case CVT_L * 8 + 1: __asm__ volatile("fcvt.l." sfx " %0,%1,rtz" : "=r"(r) : "f"(x)); break; \
    case CVT_L * 8 + 2: __asm__ volatile("fcvt.l." sfx " %0,%1,rdn" : "=r"(r) : "f"(x)); break; \
    case CVT_L * 8 + 3: __asm__ volatile("fcvt.l." sfx " %0,%1,rup" : "=r"(r) : "f"(x)); break; \
    case CVT_L * 8 + 4: __asm__ volatile("fcvt.l." sfx " %0,%1,rmm" : "=r"(r) : "f"(x)); break; \
    case CVT_LU * 8 + 0: __asm__ volatile("fcvt.lu." sfx " %0,%1,rne" : "=r"(r) : "f"(x)); break; \
    case CVT_LU * 8 + 1: __asm__ volatile("fcvt.lu." sfx " %0,%1,rtz" : "=r"(r) : "f"(x)); break; \
    case CVT_LU * 8 + 2: __asm__ volatile("fcvt.lu." sfx " %0,%1,rdn" : "=r"(r) : "f"(x)); break; \
    case CVT_LU * 8 + 3: __asm__ volatile("fcvt.lu." sfx " %0,%1,rup" : "=r"(r) : "f"(x)); break; \
    case CVT_LU * 8 + 4: __asm__ volatile("fcvt.lu." sfx " %0,%1,rmm" : "=r"(r) : "f"(x)); break; \
    }
static inline int64_t rv_fcvt_d(enum rv_cvt kind, int rm, double x)
{
    int64_t r = 0;
    feclearexcept(FE_ALL_EXCEPT);
    RV_CVT_CASES("d", x)
    return r;
}
static inline int64_t rv_fcvt_s(enum rv_cvt kind, int rm, float x)
{
    int64_t r = 0;
    feclearexcept(FE_ALL_EXCEPT);
    RV_CVT_CASES("s", x)
    return r;
}
#undef RV_CVT_CASES
#else
static inline double rv_round(int rm, double x)
{
    switch (rm) {
    case 0: {   /* ties to even, independent of the current mode */
        double f = floor(x), d = x - f;
        if (d > 0.5 || (d == 0.5 && fmod(f, 2.0) != 0.0)) f += 1.0;
        return f;
    }
    case 1: return trunc(x);
    case 2: return floor(x);
    case 3: return ceil(x);
    default: return round(x);   /* ties away from zero */
    }
}
static inline int64_t rv_fcvt_d(enum rv_cvt kind, int rm, double x)
{
    int flags = 0;
    int64_t r;
    /* bounds as [lo, hi] in double, and the saturated results */
    static const double lo[] = { -2147483648.0, 0.0, -9223372036854775808.0, 0.0 };
    static const double hi_excl[] = { 2147483648.0, 4294967296.0, 9223372036854775808.0,
                                      18446744073709551616.0 };
    static const int64_t smin[] = { INT32_MIN, 0, INT64_MIN, 0 };
    static const int64_t smax[] = { INT32_MAX, -1 /* 0xffffffff sign-extended */, INT64_MAX,
                                    -1 /* UINT64_MAX */ };
    if (isnan(x)) {
        r = smax[kind];
        flags = FE_INVALID;
    } else {
        double t = rv_round(rm, x);
        if (t >= hi_excl[kind]) {
            r = smax[kind];
            flags = FE_INVALID;
        } else if (t < lo[kind]) {
            r = smin[kind];
            flags = FE_INVALID;
        } else {
            switch (kind) {
            case CVT_W: r = (int32_t)t; break;
            case CVT_WU: r = (int64_t)(int32_t)(uint32_t)t; break;
            case CVT_L: r = (int64_t)t; break;
            default: r = (int64_t)(uint64_t)t; break;
            }
            if (t != x) flags = FE_INEXACT;
        }
    }
    feclearexcept(FE_ALL_EXCEPT);
    if (flags) feraiseexcept(flags);
    return r;
}
static inline int64_t rv_fcvt_s(enum rv_cvt kind, int rm, float x)
{
    return rv_fcvt_d(kind, rm, (double)x);   /* float -> double is exact */
}
#endif

#endif
