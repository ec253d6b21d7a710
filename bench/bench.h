/* bench.h — shared bits of the benchmark kernels (bench/NAME.c).
 *
 * Each kernel does a fixed amount of work, scaled by an optional first
 * argument (default 1; bench/run.sh passes $BENCH_SCALE), and prints one line
 * "NAME checksum HEX" that must be identical natively, under tern and under
 * qemu — so a wrong translation cannot pass as a fast one. */
#ifndef BENCH_H
#define BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline int bench_scale(int argc, char **argv)
{
    int s = argc > 1 ? atoi(argv[1]) : 1;
    return s > 0 ? s : 1;
}

/* splitmix64: a small, fast, well-mixed generator */
static inline uint64_t mix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline void bench_result(const char *name, uint64_t sum)
{
    printf("%s checksum %016" PRIx64 "\n", name, sum);
}

#endif
