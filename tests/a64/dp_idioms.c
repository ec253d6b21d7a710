/* dp_idioms.c — integer code as GCC emits it at -O2 for aarch64: compare
 * chains (CCMP), selects (CSEL/CSINC/CSNEG/CSETM), 128-bit arithmetic
 * (ADDS/ADCS/SUBS/SBCS/UMULH/SMULH), bit counting (CLZ, RBIT+CLZ, CLS),
 * byte swaps, bitfields (UBFX/SBFX/BFI), rotates (EXTR/ROR), division and
 * remainder (SDIV/UDIV/MSUB), CRC32 intrinsics and counted loops. Inputs come
 * from a PRNG through volatile reads; each family prints a hash. */
#include <arm_acle.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* edge values mixed in with random ones */
static const uint64_t edges[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
    0xfffffffffffffffeull, 0x8000000000000001ull,
};
static uint64_t input(void)
{
    uint64_t r = next();
    if ((r & 3) == 0)
        return edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))];
    return r >> ((r >> 2) & 63);
}

static volatile uint64_t sink;
static uint64_t h;
static void mix(uint64_t v)
{
    h = (h ^ v) * 0x100000001b3ull;
    h ^= h >> 29;
}

struct bits { unsigned a : 3, b : 11, c : 1, d : 17; signed e : 5, f : 13; };

__attribute__((noinline)) static int cmp_chain(int64_t a, int64_t b, int64_t c, int64_t d)
{
    return (a == b && c > d) || (a < c && b != d) || (uint64_t)a > (uint64_t)d;
}
__attribute__((noinline)) static int64_t clamp(int64_t x, int64_t lo, int64_t hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}
__attribute__((noinline)) static int32_t sat_add32(int32_t a, int32_t b)
{
    int32_t r;
    if (__builtin_add_overflow(a, b, &r))
        return a < 0 ? INT32_MIN : INT32_MAX;
    return r;
}
__attribute__((noinline)) static int sign3(int64_t x) { return (x > 0) - (x < 0); }
__attribute__((noinline)) static uint64_t count_down(uint64_t n)
{
    uint64_t s = 0;
    while (n--)
        s += n ^ (s >> 3);
    return s;
}
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    const int N = 4000;

    h = 0;
    for (int i = 0; i < N; i++) {
        int64_t a = (int64_t)input(), b = (int64_t)input(), c = (int64_t)input(), d = (int64_t)input();
        if (i & 1) b = a;
        mix((uint64_t)cmp_chain(a, b, c, d));
        mix((uint64_t)clamp(a, -1000, b));
        mix((uint64_t)(int64_t)sat_add32((int32_t)a, (int32_t)b));
        mix((uint64_t)sign3(c));
        mix((uint64_t)(a < b ? a : b) ^ (uint64_t)((uint32_t)c > (uint32_t)d ? -1 : 0));
        mix((uint64_t)(a >= 0 ? a : -a));
        mix((uint64_t)((int32_t)c == -1 ? 5 : (int32_t)c + 1));
    }
    printf("compare/select %016" PRIx64 "\n", h);

    h = 0;
    for (int i = 0; i < N; i++) {
        unsigned __int128 x = ((unsigned __int128)input() << 64) | input();
        unsigned __int128 y = ((unsigned __int128)input() << 64) | input();
        __int128 sx = (__int128)x, sy = (__int128)y;
        unsigned __int128 s = x + y, t = x - y, p = (unsigned __int128)(uint64_t)x * (uint64_t)y;
        __int128 q = (__int128)(int64_t)sx * (int64_t)sy;
        mix((uint64_t)s); mix((uint64_t)(s >> 64));
        mix((uint64_t)t); mix((uint64_t)(t >> 64));
        mix((uint64_t)p); mix((uint64_t)(p >> 64));
        mix((uint64_t)q); mix((uint64_t)(q >> 64));
        mix((uint64_t)(x < y)); mix((uint64_t)(sx < sy));
    }
    printf("int128 %016" PRIx64 "\n", h);

    h = 0;
    for (int i = 0; i < N; i++) {
        uint64_t x = input();
        uint32_t w = (uint32_t)input();
        mix(x ? (uint64_t)__builtin_clzll(x) : 64);
        mix(x ? (uint64_t)__builtin_ctzll(x) : 64);
        mix(w ? (uint64_t)__builtin_ctz(w) : 32);
        mix((uint64_t)__builtin_clrsbll((int64_t)x));
        mix((uint64_t)__builtin_clrsb((int32_t)w));
        mix(__builtin_bswap64(x));
        mix(__builtin_bswap32(w));
        mix(__builtin_bswap16((uint16_t)w));
        mix((x << (w & 63)) | (x >> (-w & 63)));
        mix((uint64_t)((w >> (x & 31)) | (w << (-x & 31))));
        mix((x >> 13) | (x << 51));
        mix((uint64_t)(int64_t)(int32_t)w >> 7);
        mix(x >> (w & 63));
        mix((uint64_t)((int64_t)x >> (w & 63)));
        mix((uint64_t)(w << (x & 31)));
    }
    printf("bits %016" PRIx64 "\n", h);

    h = 0;
    for (int i = 0; i < N; i++) {
        uint64_t x = input();
        struct bits bf;
        memcpy(&bf, &x, sizeof(bf));
        mix(bf.a); mix(bf.b); mix(bf.c); mix(bf.d); mix((uint64_t)(int64_t)bf.e); mix((uint64_t)(int64_t)bf.f);
        bf.b = (unsigned)input();
        bf.f = (int)input();
        uint64_t y;
        memcpy(&y, &bf, sizeof(y));
        mix(y);
        mix((x >> 17) & 0x3ff);
        mix((uint64_t)(((int64_t)x << 20) >> 44));
        mix((x & ~0xff0ull) | ((input() & 0xff) << 4));
        mix((uint64_t)(int8_t)x + (uint64_t)(int16_t)x + (uint64_t)(uint8_t)(x >> 8));
    }
    printf("bitfields %016" PRIx64 "\n", h);

    h = 0;
    for (int i = 0; i < N; i++) {
        uint64_t x = input(), y = input() | 1;
        int64_t sx = (int64_t)x, sy = (int64_t)(y >> 1) | 1;
        uint32_t w = (uint32_t)x, v = (uint32_t)y;
        int32_t sw = (int32_t)w, sv = (int32_t)v | 1;
        if (sy == -1) sy = 3;
        if (sv == -1) sv = 3;
        mix(x / y); mix(x % y); mix((uint64_t)(sx / sy)); mix((uint64_t)(sx % sy));
        mix(w / v); mix(w % v); mix((uint64_t)(int64_t)(sw / sv)); mix((uint64_t)(int64_t)(sw % sv));
        mix(x * y); mix(x * y + w); mix(x - y * (uint64_t)sv);
        mix((uint64_t)w * v); mix((uint64_t)((int64_t)sw * sv)); mix(x / 10); mix((uint64_t)(sx / 7));
    }
    printf("muldiv %016" PRIx64 "\n", h);

    h = 0;
    for (int i = 0; i < N; i++) {
        uint32_t c = (uint32_t)input(), c2 = (uint32_t)input();
        uint64_t d = input();
        mix(__crc32b(c, (uint8_t)d)); mix(__crc32h(c, (uint16_t)d));
        mix(__crc32w(c, (uint32_t)d)); mix(__crc32d(c, d));
        mix(__crc32cb(c2, (uint8_t)d)); mix(__crc32ch(c2, (uint16_t)d));
        mix(__crc32cw(c2, (uint32_t)d)); mix(__crc32cd(c2, d));
    }
    printf("crc %016" PRIx64 "\n", h);

    h = 0;
    uint64_t arr[512];
    for (int i = 0; i < 512; i++)
        arr[i] = input();
    qsort(arr, 512, sizeof(arr[0]), cmp_u64);
    for (int i = 0; i < 512; i++)
        mix(arr[i]);
    for (int i = 0; i < 64; i++)
        mix(count_down(input() & 1023));
    sink = h;
    printf("loops %016" PRIx64 "\n", h);
    return 0;
}
