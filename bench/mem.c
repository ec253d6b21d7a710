/* mem — the memory system: memcpy/memset streaming over buffers larger than
 * the caches, a strided read-modify-write pass, and pointer chasing around a
 * random cycle (every load depends on the previous one). */
#include <string.h>
#include "bench.h"

#define BUF (8u << 20)        /* 8 MiB per buffer */
#define NODES (1u << 21)      /* 2M nodes * 8 bytes = 16 MiB */

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    unsigned char *src = malloc(BUF), *dst = malloc(BUF);
    uint32_t *next = malloc(NODES * sizeof *next);
    uint32_t *perm = malloc(NODES * sizeof *perm);
    if (!src || !dst || !next || !perm) return 1;
    uint64_t st = 3, sum = 0;
    for (size_t i = 0; i < BUF; i += 8) {
        uint64_t v = mix64(&st);
        memcpy(src + i, &v, 8);
    }
    /* streaming: whole-buffer and odd-sized, misaligned copies */
    for (int rep = 0; rep < 20 * scale; rep++) {
        memcpy(dst, src, BUF);
        sum += dst[(rep * 4099u) % BUF];
        for (size_t off = 0; off + 70000 < BUF; off += 65536 + 13)
            memcpy(dst + off + 3, src + off + (size_t)rep % 7, 65521);
        memset(dst + (rep & 1), rep, BUF / 2);
        sum += dst[BUF / 4 + (size_t)rep];
    }
    /* strided read-modify-write */
    uint64_t *w = (uint64_t *)dst;
    for (int rep = 0; rep < 4 * scale; rep++)
        for (size_t i = 0; i < BUF / 8; i += 8) w[i] = w[i] * 3 + (uint64_t)rep;
    for (size_t i = 0; i < BUF / 8; i += 4097) sum += w[i];
    /* pointer chasing over a random cycle (Sattolo's algorithm) */
    for (uint32_t i = 0; i < NODES; i++) perm[i] = i;
    for (uint32_t i = NODES - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(mix64(&st) % i);
        uint32_t t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
    for (uint32_t i = 0; i < NODES; i++) next[perm[i]] = perm[(i + 1) % NODES];
    uint32_t p = 0;
    for (long k = 0; k < 4000000L * scale; k++) {
        p = next[p];
        sum += p & 15;
    }
    sum = sum * 1000003 + p;
    bench_result("mem", sum);
    free(src); free(dst); free(next); free(perm);
    return 0;
}
