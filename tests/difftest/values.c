/* values.c — the differential tester's randomness: a seeded xoshiro256**
 * stream per worker, and the "interesting" integer, double, single and half
 * values (edges, NaN payloads, subnormals, mis-boxed singles) that initial register
 * states and immediates are drawn from. Deterministic for a given seed.
 */
#include <stdint.h>
#include <string.h>

#include "tests/difftest/difftest.h"

/* ---- random numbers: splitmix64 seeding a xoshiro256** ---- */

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t s = seed * 0x2545f4914f6cdd1dull ^ stream;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix(&s);
}

static uint64_t rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t res = rotl64(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return res;
}

/* uniform in [0, n) (n > 0); the bias of the modulo is irrelevant here */
unsigned below(struct rng *r, unsigned n)
{
    return (unsigned)(rng_next(r) % n);
}

int range(struct rng *r, int lo, int hi)
{
    return lo + (int)below(r, (unsigned)(hi - lo + 1));
}

bool chance(struct rng *r, unsigned percent)
{
    return below(r, 100) < percent;
}


/* ---- interesting values ---- */

static const uint64_t int_specials[] = {
    0, 1, 2, 3, 0xffffffffffffffffull, 0xfffffffffffffffeull,
    0x7fffffff, 0xffffffff80000000ull, 0x80000000, 0xffffffff, 0x7ffffffe,
    0x8000000000000000ull, 0x7fffffffffffffffull, 0x8000000000000001ull,
    0x100000000ull, 0xfffffffeffffffffull, 0x00000000ffffffffull,
    31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0xffffffffffff8000ull, 0xffffffffffffff80ull, 0x0101010101010101ull,
    0x8080808080808080ull, 0x00ff00ff00ff00ffull, 0x5555555555555555ull,
    0xaaaaaaaaaaaaaaaaull, 0x123456789abcdef0ull, 0xfedcba9876543210ull,
};

uint64_t gen_int_value(struct rng *r)
{
    switch (below(r, 12)) {
    case 0: case 1: case 2: case 3:
        return PICK(r, int_specials);
    case 4:
        return (uint64_t)(int64_t)range(r, -20, 20);
    case 5:
        return (uint64_t)(int64_t)(int32_t)rng_next(r);            /* sign-extended 32 */
    case 6:
        return (uint32_t)rng_next(r);                              /* zero-extended 32 */
    case 7:
        return 1ull << below(r, 64);
    case 8:
        return ~(1ull << below(r, 64));
    case 9:
        return rng_next(r) >> below(r, 64);
    default:
        return rng_next(r);
    }
}

static const uint64_t dbl_specials[] = {
    0x0000000000000000ull, 0x8000000000000000ull,          /* +-0 */
    0x3ff0000000000000ull, 0xbff0000000000000ull,          /* +-1 */
    0x7ff0000000000000ull, 0xfff0000000000000ull,          /* +-inf */
    0x7ff8000000000000ull, 0xfff8000000000000ull,          /* qNaN (canonical, negative) */
    0x7ff8000000000123ull, 0x7ffc000000000001ull,          /* qNaN with payload */
    0x7ff0000000000001ull, 0x7ff4000000000000ull,          /* sNaN */
    0xfff0000000000abcull,
    0x0000000000000001ull, 0x800fffffffffffffull,          /* subnormals */
    0x000fffffffffffffull, 0x0008000000000000ull,
    0x0010000000000000ull, 0x8010000000000000ull,          /* min normal */
    0x7fefffffffffffffull, 0xffefffffffffffffull,          /* max finite */
    0x3fe0000000000000ull, 0x3ff8000000000000ull,          /* 0.5, 1.5 */
    0x4004000000000000ull, 0xc004000000000000ull,          /* +-2.5 */
    0xbfe0000000000000ull, 0x400c000000000000ull,          /* -0.5, 3.5 */
    0x41e0000000000000ull, 0xc1e0000000000000ull,          /* +-2^31 */
    0x41dfffffffc00000ull, 0x41dfffffffe00000ull,          /* 2^31-1, 2^31-0.5 */
    0xc1e0000000200000ull, 0xc1e0000000100000ull,          /* -2^31-1, -2^31-0.5 */
    0x41f0000000000000ull, 0x41efffffffe00000ull,          /* 2^32, 2^32-1 */
    0x41effffffff00000ull,                                 /* 2^32-0.5 */
    0x43e0000000000000ull, 0xc3e0000000000000ull,          /* +-2^63 */
    0x43dfffffffffffffull, 0xc3e0000000000001ull,
    0x43f0000000000000ull, 0x43efffffffffffffull,          /* 2^64, below */
    0x4340000000000001ull, 0x4330000000000001ull,          /* 2^53+2, 2^52+1 */
    0x47efffffe0000000ull, 0x47effffff0000000ull,          /* FLT_MAX, FLT_MAX rounding edge */
    0x3810000000000000ull, 0x36a0000000000000ull,          /* FLT_MIN, FLT_TRUE_MIN */
    0x3690000000000000ull, 0x36a8000000000000ull,
    0x3ff0000000000001ull, 0x3fefffffffffffffull,
    0x3fb999999999999aull, 0x400921fb54442d18ull,          /* 0.1, pi */
};

static const uint32_t flt_specials[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc00000, 0x7fc00123, 0x7fe00001,       /* qNaNs */
    0x7f800001, 0x7fa00000, 0xff800abc,                   /* sNaNs */
    0x00000001, 0x807fffff, 0x007fffff, 0x00400000,       /* subnormals */
    0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff,
    0x3f000000, 0x3fc00000, 0x40200000, 0xc0200000, 0xbf000000, 0x40600000,
    0x4f000000, 0xcf000000, 0x4effffff, 0xcf000001,       /* 2^31 edges */
    0x4f800000, 0x4f7fffff,                               /* 2^32 edges */
    0x5f000000, 0xdf000000, 0x5effffff, 0xdf000001,       /* 2^63 edges */
    0x5f800000, 0x5f7fffff,                               /* 2^64 edges */
    0x4b000001, 0x4b800001, 0x3f800001, 0x3f7fffff,
    0x3dcccccd, 0x40490fdb,
};

static uint64_t nice_double(struct rng *r)
{
    /* small integers and halves scaled by a power of two: exact in both
     * formats, with many ties when converted */
    double v = (double)range(r, -64, 64) / (double)(1 << below(r, 3));
    v = __builtin_ldexp(v, range(r, -30, 70) * (int)chance(r, 50));
    uint64_t b;
    memcpy(&b, &v, 8);
    return b;
}

uint64_t gen_double_bits(struct rng *r)
{
    switch (below(r, 10)) {
    case 0: case 1: case 2: case 3:
        return PICK(r, dbl_specials);
    case 4: case 5:
        return nice_double(r);
    case 6: {                       /* an ordinary random double of modest size */
        uint64_t m = rng_next(r) & 0x000fffffffffffffull;
        uint64_t e = (uint64_t)range(r, 1023 - 40, 1023 + 70);
        return (rng_next(r) & 0x8000000000000000ull) | e << 52 | m;
    }
    case 7:                         /* near a special: the mantissa nudged */
        return PICK(r, dbl_specials) + (uint64_t)(int64_t)range(r, -2, 2);
    default:
        return rng_next(r);
    }
}

uint32_t gen_float_bits(struct rng *r)
{
    switch (below(r, 10)) {
    case 0: case 1: case 2: case 3:
        return PICK(r, flt_specials);
    case 4: case 5: {
        uint64_t d = nice_double(r);
        double v;
        memcpy(&v, &d, 8);
        float f = (float)v;
        uint32_t b;
        memcpy(&b, &f, 4);
        return b;
    }
    case 6: {
        uint32_t m = (uint32_t)rng_next(r) & 0x7fffff;
        uint32_t e = (uint32_t)range(r, 127 - 30, 127 + 66);
        return ((uint32_t)rng_next(r) & 0x80000000u) | e << 23 | m;
    }
    case 7:
        return PICK(r, flt_specials) + (uint32_t)range(r, -2, 2);
    default:
        return (uint32_t)rng_next(r);
    }
}

static const uint16_t half_specials[] = {
    0x0000, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0xfc00,       /* +-0, +-1, +-inf */
    0x7e00, 0xfe00, 0x7e01, 0x7d00, 0x7c01, 0xfc7f,       /* qNaNs, sNaNs */
    0x0001, 0x83ff, 0x03ff, 0x0200, 0x0400, 0x8400,       /* subnormals, min normal */
    0x7bff, 0xfbff, 0x3800, 0x3e00, 0x4100, 0xc100,       /* max, 0.5, 1.5, +-2.5 */
    0x3bff, 0x3c01, 0x7800, 0x0800,
};

uint16_t gen_half_bits(struct rng *r)
{
    switch (below(r, 4)) {
    case 0: case 1:
        return PICK(r, half_specials);
    case 2:
        return (uint16_t)(PICK(r, half_specials) + range(r, -2, 2));
    default:
        return (uint16_t)rng_next(r);
    }
}

/* an f register: a double, a NaN-boxed single, or (rarely) a mis-boxed one */
uint64_t gen_freg_value(struct rng *r, uint8_t *type)
{
    unsigned k = below(r, 100);
    if (k < 42) {
        *type = FT_D;
        return gen_double_bits(r);
    }
    if (k < 92) {
        *type = FT_S;
        return 0xffffffff00000000ull | gen_float_bits(r);
    }
    *type = FT_D;   /* not a valid single: single ops must see the canonical NaN */
    return chance(r, 50) ? (uint64_t)gen_float_bits(r) : rng_next(r);
}
