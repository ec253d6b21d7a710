/* int_hash — integer throughput: a PRNG feeding a multiply/rotate/xor hash,
 * counted into a small table (stays in L1), then the table folded. Mostly
 * 64-bit ALU work, multiplies and shifts with short dependency chains. */
#include "bench.h"

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint64_t hash_word(uint64_t w, uint64_t seed)
{
    uint64_t h = seed ^ (w * 0xff51afd7ed558ccdull);
    h = rotl(h, 31) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    h += rotl(w, 17) ^ (w >> 7);
    return h ^ (h >> 32);
}

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    static uint32_t counts[1024];
    uint64_t state = 12345, acc = 0;
    long n = 120000000L * scale;
    for (long i = 0; i < n; i++) {
        uint64_t w = mix64(&state);
        uint64_t h = hash_word(w, acc);
        counts[h & 1023]++;
        acc += h >> 3;
        if ((h & 0xff) == 0x5a) acc ^= (uint64_t)i;
    }
    uint64_t sum = acc;
    for (int i = 0; i < 1024; i++) sum = sum * 31 + counts[i];
    bench_result("int_hash", sum);
    return 0;
}
