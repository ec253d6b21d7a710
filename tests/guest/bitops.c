/* bitops — count/scan/swap builtins, rotates, extensions, over edge and random
 * values. Printed per operation so a failure names the instruction family. */
#include <limits.h>
#include "common.h"

static uint64_t edge[] = {
    1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x8000000000000000ull,
    0x7fffffffffffffffull, 0xffffffffffffffffull, 0x0123456789abcdefull,
    0xfedcba9876543210ull, 0x00000000000f0000ull, 0x5555555555555555ull,
};
#define NEDGE (sizeof edge / sizeof edge[0])
#define NRAND 4000

static uint64_t value(int i)
{
    if (i < (int)NEDGE) return edge[i];
    uint64_t v = rng64();
    /* vary how many bits are set so clz/ctz see every position */
    switch (i % 4) {
    case 0: return v >> (v & 63) | 1;
    case 1: return v << (v & 63) | ((uint64_t)1 << 63 >> (v & 63));
    case 2: return v & (v >> 7);
    default: return v;
    }
}

int main(void)
{
    uint64_t h[16];
    for (int k = 0; k < 16; k++) h[k] = FNV_INIT;
    rng_seed(12345);
    int total = NEDGE + NRAND;
    for (int i = 0; i < total; i++) {
        uint64_t v = value(i);
        if (v == 0) v = 1;          /* clz/ctz of 0 are undefined */
        uint32_t w = (uint32_t)v ? (uint32_t)v : 1u;
        h[0] = fnv_u64(h[0], (uint64_t)__builtin_clzll(v));
        h[1] = fnv_u64(h[1], (uint64_t)__builtin_ctzll(v));
        h[2] = fnv_u64(h[2], (uint64_t)__builtin_popcountll(v));
        h[3] = fnv_u64(h[3], __builtin_bswap64(v));
        h[4] = fnv_u64(h[4], (uint64_t)__builtin_clz(w));
        h[5] = fnv_u64(h[5], (uint64_t)__builtin_ctz(w));
        h[6] = fnv_u64(h[6], (uint64_t)__builtin_popcount(w));
        h[7] = fnv_u64(h[7], __builtin_bswap32(w));
        h[8] = fnv_u64(h[8], __builtin_bswap16((uint16_t)v));
        h[9] = fnv_u64(h[9], (uint64_t)__builtin_parityll(v) | (uint64_t)__builtin_ffsll((long long)v) << 8);
        unsigned r = (unsigned)(i % 63) + 1;
        h[10] = fnv_u64(h[10], (v << r) | (v >> (64 - r)));
        h[11] = fnv_u64(h[11], (uint64_t)((w >> (r % 31 + 1)) | (w << (32 - (r % 31 + 1)))));
        h[12] = fnv_u64(h[12], (uint64_t)(int64_t)(int8_t)v ^ (uint64_t)(int64_t)(int16_t)v ^
                                   ((uint64_t)(int64_t)(int32_t)v << 1));
        h[13] = fnv_u64(h[13], (uint64_t)(uint8_t)v + (uint64_t)(uint16_t)v + (uint64_t)(uint32_t)v);
        h[14] = fnv_u64(h[14], (uint64_t)__builtin_clrsbll((long long)v));
        h[15] = fnv_u64(h[15], (v & -v) ^ (v & (v - 1)) ^ (v | (v + 1)) ^ ~v);
    }
    static const char *names[16] = {
        "clz64", "ctz64", "popcount64", "bswap64", "clz32", "ctz32", "popcount32",
        "bswap32", "bswap16", "parity/ffs", "rotl64", "rotr32", "sext8/16/32",
        "zext8/16/32", "clrsb64", "lowbit-tricks",
    };
    for (int k = 0; k < 16; k++)
        printf("%-14s %016" PRIx64 "\n", names[k], h[k]);

    /* a few spelled out */
    printf("clz64(1)=%d ctz64(1<<63)=%d popcount(~0)=%d\n", __builtin_clzll(1),
           __builtin_ctzll(1ull << 63), __builtin_popcountll(~0ull));
    printf("clz32(0x00010000)=%d ctz32(0x00010000)=%d\n", __builtin_clz(0x10000u),
           __builtin_ctz(0x10000u));
    printf("bswap64(0x0102030405060708)=%016" PRIx64 "\n",
           __builtin_bswap64(0x0102030405060708ull));
    printf("bswap32(0xdeadbeef)=%08" PRIx32 "\n", __builtin_bswap32(0xdeadbeefu));
    printf("ffs(0)=%d ffs(0x80)=%d parity(7)=%d\n", __builtin_ffs(0), __builtin_ffs(0x80),
           __builtin_parity(7u));
    return 0;
}
