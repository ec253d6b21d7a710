/* vec_loops — plain C loops that gcc -O3 vectorises for AdvSIMD: integer
 * reductions (plain, widening, sum of absolute differences, min/max), float
 * reductions written as independent partial sums (so the vector order is
 * the source order and the result is exact whatever the lane count), saxpy
 * and daxpy, byte transforms, conditional selects, conversions, narrowing
 * shifts, de-interleaving (ld3) and popcounts.
 *
 * Built twice with the same flags (-O3 -ffp-contract=off, no fast-math) for
 * aarch64 and natively; tests/neon/run.sh requires equal output and checks
 * with objdump that every loop_* function of the aarch64 build really holds
 * vector instructions (so a change of compiler that stops vectorising a loop
 * is reported rather than silently testing scalar code). Output is checksums
 * and reduction values only, so it is independent of the vector width. */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 4099          /* odd: every loop has a scalar tail too */
#define NOINLINE __attribute__((noinline, noclone))

static uint8_t u8a[N], u8b[N], u8c[3 * N];
static int8_t s8a[N];
static int16_t s16a[N], s16b[N];
static uint16_t u16a[N];
static int32_t s32a[N], s32b[N], s32c[N];
static uint32_t u32a[N];
static float f32a[N], f32b[N], f32c[N];
static double f64a[N], f64b[N];

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001B3ull;
    return h;
}
#define FNV0 0xCBF29CE484222325ull

NOINLINE uint32_t loop_sum_u32(const uint32_t *a, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++) s += a[i];
    return s;
}
NOINLINE int32_t loop_sum_s16_widen(const int16_t *a, int n)
{
    int32_t s = 0;
    for (int i = 0; i < n; i++) s += a[i];
    return s;
}
NOINLINE uint32_t loop_sum_u8_widen(const uint8_t *a, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++) s += a[i];
    return s;
}
NOINLINE int64_t loop_dot_s16(const int16_t *a, const int16_t *b, int n)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++) s += (int32_t)a[i] * b[i];
    return s;
}
NOINLINE uint32_t loop_sad_u8(const uint8_t *a, const uint8_t *b, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++) s += (uint32_t)(a[i] > b[i] ? a[i] - b[i] : b[i] - a[i]);
    return s;
}
NOINLINE int32_t loop_min_s32(const int32_t *a, int n)
{
    int32_t m = INT32_MAX;
    for (int i = 0; i < n; i++) m = a[i] < m ? a[i] : m;
    return m;
}
NOINLINE uint8_t loop_max_u8(const uint8_t *a, int n)
{
    uint8_t m = 0;
    for (int i = 0; i < n; i++) m = a[i] > m ? a[i] : m;
    return m;
}
/* four running sums, exactly as a 4-lane vector accumulates them */
NOINLINE float loop_sum_f32_4way(const float *a, int n)
{
    float s[4] = { 0, 0, 0, 0 };
    int i;
    for (i = 0; i + 4 <= n; i += 4)
        for (int j = 0; j < 4; j++) s[j] += a[i + j];
    for (; i < n; i++) s[0] += a[i];
    return (s[0] + s[1]) + (s[2] + s[3]);
}
NOINLINE double loop_dot_f64_2way(const double *a, const double *b, int n)
{
    double s[2] = { 0, 0 };
    int i;
    for (i = 0; i + 2 <= n; i += 2)
        for (int j = 0; j < 2; j++) s[j] += a[i + j] * b[i + j];
    for (; i < n; i++) s[0] += a[i] * b[i];
    return s[0] + s[1];
}
NOINLINE void loop_saxpy(float *y, const float *x, float a, int n)
{
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
NOINLINE void loop_daxpy(double *y, const double *x, double a, int n)
{
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
/* fmaxf: FMAXNM lanes (the inputs hold no NaN and no -0, where C lets
 * fmaxf choose) */
NOINLINE void loop_fmax(float *d, const float *a, const float *b, int n)
{
    for (int i = 0; i < n; i++) d[i] = fmaxf(a[i], b[i] * 0.5f);
}
/* a float compare selecting between integers: FCMGT and BSL */
NOINLINE void loop_fcmp_select(int32_t *d, const float *a, const float *b, const int32_t *x, int n)
{
    for (int i = 0; i < n; i++) d[i] = __builtin_isgreater(a[i], b[i]) ? x[i] : -x[i];
}
NOINLINE void loop_bytes(uint8_t *d, const uint8_t *s, int n)
{
    for (int i = 0; i < n; i++) d[i] = (uint8_t)((s[i] ^ 0x5a) + (s[i] >> 3));
}
NOINLINE void loop_toupper(uint8_t *d, const uint8_t *s, int n)
{
    for (int i = 0; i < n; i++) d[i] = s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i];
}
NOINLINE void loop_cond_s32(int32_t *d, const int32_t *a, const int32_t *b, int n)
{
    for (int i = 0; i < n; i++) d[i] = a[i] < b[i] ? a[i] * 3 : b[i] - a[i];
}
NOINLINE void loop_clamp_s8(int8_t *d, const int16_t *a, int n)
{
    for (int i = 0; i < n; i++) {
        int v = a[i] >> 4;
        d[i] = (int8_t)(v > 127 ? 127 : v < -128 ? -128 : v);
    }
}
NOINLINE void loop_narrow_round(uint8_t *d, const uint16_t *a, int n)
{
    for (int i = 0; i < n; i++) d[i] = (uint8_t)((a[i] + 128u) >> 8);
}
NOINLINE void loop_i2f(float *d, const int32_t *a, int n)
{
    for (int i = 0; i < n; i++) d[i] = (float)a[i] * 0.25f;
}
NOINLINE void loop_f2i(int32_t *d, const float *a, int n)
{
    for (int i = 0; i < n; i++) d[i] = (int32_t)(a[i] * 64.0f);
}
NOINLINE void loop_gray(uint8_t *d, const uint8_t *rgb, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (uint8_t)((77 * rgb[3 * i] + 150 * rgb[3 * i + 1] + 29 * rgb[3 * i + 2]) >> 8);
}
NOINLINE uint32_t loop_popcount(const uint32_t *a, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++) s += (uint32_t)__builtin_popcount(a[i]);
    return s;
}
NOINLINE void loop_mul_shift_u16(uint16_t *d, const uint16_t *a, const uint8_t *b, int n)
{
    for (int i = 0; i < n; i++) d[i] = (uint16_t)((a[i] * b[i]) >> 3);
}

int main(void)
{
    /* fixed inputs: a linear congruential sequence */
    uint32_t x = 2463534242u;
    for (int i = 0; i < N; i++) {
        x = x * 1664525u + 1013904223u;
        u8a[i] = (uint8_t)(x >> 24);
        u8b[i] = (uint8_t)(x >> 16);
        s8a[i] = 0;
        s16a[i] = (int16_t)(x >> 8);
        s16b[i] = (int16_t)(x ^ (x >> 13));
        u16a[i] = (uint16_t)(x >> 3);
        s32a[i] = (int32_t)x >> 3;
        s32b[i] = (int32_t)(x * 2654435761u) >> 3;
        u32a[i] = x;
        f32a[i] = (float)((int32_t)x >> 8) / 1024.0f;
        f32b[i] = (float)(int16_t)(x >> 5) / 7.0f;
        f64a[i] = (double)(int32_t)x / 3.0;
        f64b[i] = (double)(x >> 7) * 1e-3;
    }
    for (int i = 0; i < 3 * N; i++) u8c[i] = (uint8_t)(i * 131 + (i >> 5));

    printf("sum_u32 %08" PRIx32 "\n", loop_sum_u32(u32a, N));
    printf("sum_s16_widen %" PRId32 "\n", loop_sum_s16_widen(s16a, N));
    printf("sum_u8_widen %" PRIu32 "\n", loop_sum_u8_widen(u8a, N));
    printf("dot_s16 %" PRId64 "\n", loop_dot_s16(s16a, s16b, N));
    printf("sad_u8 %" PRIu32 "\n", loop_sad_u8(u8a, u8b, N));
    printf("min_s32 %" PRId32 " max_u8 %u\n", loop_min_s32(s32a, N), loop_max_u8(u8b, N - 7));
    printf("sum_f32_4way %a\n", (double)loop_sum_f32_4way(f32a, N));
    printf("dot_f64_2way %a\n", loop_dot_f64_2way(f64a, f64b, N));
    printf("popcount %" PRIu32 "\n", loop_popcount(u32a, N));

    memcpy(f32c, f32b, sizeof f32c);
    loop_saxpy(f32c, f32a, 1.75f, N);
    printf("saxpy %016" PRIx64 "\n", fnv(FNV0, f32c, sizeof f32c));
    double d64[N];
    memcpy(d64, f64b, sizeof d64);
    loop_daxpy(d64, f64a, -0.3, N);
    printf("daxpy %016" PRIx64 "\n", fnv(FNV0, d64, sizeof d64));
    loop_fmax(f32c, f32a, f32b, N);
    printf("fmax %016" PRIx64 "\n", fnv(FNV0, f32c, sizeof f32c));
    loop_fcmp_select(s32c, f32a, f32b, s32a, N);
    printf("fcmp_select %016" PRIx64 "\n", fnv(FNV0, s32c, sizeof s32c));

    uint8_t b8[N];
    loop_bytes(b8, u8a, N);
    printf("bytes %016" PRIx64 "\n", fnv(FNV0, b8, sizeof b8));
    loop_toupper(b8, u8b, N);
    printf("toupper %016" PRIx64 "\n", fnv(FNV0, b8, sizeof b8));
    loop_cond_s32(s32c, s32a, s32b, N);
    printf("cond_s32 %016" PRIx64 "\n", fnv(FNV0, s32c, sizeof s32c));
    loop_clamp_s8(s8a, s16a, N);
    printf("clamp_s8 %016" PRIx64 "\n", fnv(FNV0, s8a, sizeof s8a));
    loop_narrow_round(b8, u16a, N);
    printf("narrow_round %016" PRIx64 "\n", fnv(FNV0, b8, sizeof b8));
    loop_i2f(f32c, s32a, N);
    printf("i2f %016" PRIx64 "\n", fnv(FNV0, f32c, sizeof f32c));
    loop_f2i(s32c, f32b, N);
    printf("f2i %016" PRIx64 "\n", fnv(FNV0, s32c, sizeof s32c));
    loop_gray(b8, u8c, N);
    printf("gray %016" PRIx64 "\n", fnv(FNV0, b8, sizeof b8));
    uint16_t w16[N];
    loop_mul_shift_u16(w16, u16a, u8a, N);
    printf("mul_shift_u16 %016" PRIx64 "\n", fnv(FNV0, w16, sizeof w16));
    return 0;
}
