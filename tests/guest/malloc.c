/* malloc — many allocations of assorted sizes (small, medium and large enough
 * to be mmapped), realloc growing and shrinking, frees in random order, all
 * driven by a fixed-seed PRNG; every block carries a pattern that is checked
 * before it is freed and summed at the end. Addresses are never printed. */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdlib.h>
#include "common.h"

#define SLOTS 1500
#define OPS 40000

static unsigned char *blk[SLOTS];
static size_t len[SLOTS];
static unsigned tagv[SLOTS];
static int bad;

static size_t pick_size(void)
{
    uint32_t r = rng_below(1000);
    if (r < 600) return 1 + rng_below(64);
    if (r < 900) return 64 + rng_below(2048);
    if (r < 995) return 2048 + rng_below(60000);
    return 130000 + rng_below(900000);   /* above the default mmap threshold */
}

/* the bytes of a block that carry its pattern: the first 256, every 61st
 * after that, and the last */
#define FOR_STAMPED(i, n) for (size_t i = 0; i < (n); i += (i < 256 ? 1 : 61))

static void stamp(int s)
{
    FOR_STAMPED(i, len[s]) blk[s][i] = (unsigned char)(tagv[s] + i);
    if (len[s]) blk[s][len[s] - 1] = (unsigned char)(tagv[s] + len[s] - 1);
}

/* check the pattern of a block stamped at length n, below offset upto */
static void verify(int s, size_t n, size_t upto)
{
    FOR_STAMPED(i, upto < n ? upto : n) {
        if (blk[s][i] != (unsigned char)(tagv[s] + i)) {
            bad++;
            return;
        }
    }
    if (n && n - 1 < upto && blk[s][n - 1] != (unsigned char)(tagv[s] + n - 1)) bad++;
}

static uint64_t hash_block(uint64_t h, int s)
{
    FOR_STAMPED(i, len[s]) h = fnv_u64(h, blk[s][i]);
    return len[s] ? fnv_u64(h, blk[s][len[s] - 1]) : h;
}

int main(void)
{
    rng_seed(777);
    unsigned long mallocs = 0, frees = 0, reallocs = 0, callocs = 0, bytes = 0, calloc_nonzero = 0;
    unsigned tag = 1;
    for (int op = 0; op < OPS; op++) {
        int s = (int)rng_below(SLOTS);
        uint32_t what = rng_below(10);
        if (!blk[s]) {
            size_t n = pick_size();
            if (what < 2) {
                blk[s] = calloc(n, 1);
                callocs++;
                for (size_t i = 0; blk[s] && i < n; i += 97)
                    if (blk[s][i]) calloc_nonzero++;
            } else {
                blk[s] = malloc(n);
                mallocs++;
            }
            if (!blk[s]) {
                printf("allocation of %zu failed\n", n);
                return 1;
            }
            len[s] = n;
            tagv[s] = tag++;
            stamp(s);
            bytes += n;
        } else if (what < 3) {
            size_t n = pick_size();
            size_t keep = n < len[s] ? n : len[s];
            unsigned char *p = realloc(blk[s], n);
            reallocs++;
            if (!p) {
                printf("realloc failed\n");
                return 1;
            }
            blk[s] = p;
            verify(s, len[s], keep);   /* the preserved prefix kept its pattern */
            len[s] = n;
            stamp(s);
            bytes += n;
        } else {
            verify(s, len[s], len[s]);
            free(blk[s]);
            blk[s] = NULL;
            frees++;
        }
    }
    uint64_t h = FNV_INIT;
    unsigned long live = 0, live_bytes = 0;
    for (int s = 0; s < SLOTS; s++) {
        if (!blk[s]) continue;
        verify(s, len[s], len[s]);
        if (malloc_usable_size(blk[s]) < len[s]) bad++;
        h = fnv_u64(h, len[s]);
        h = hash_block(h, s);
        live++;
        live_bytes += len[s];
    }
    /* free in random order */
    for (int k = 0; k < SLOTS * 3; k++) {
        int s = (int)rng_below(SLOTS);
        free(blk[s]);
        blk[s] = NULL;
    }
    for (int s = 0; s < SLOTS; s++) free(blk[s]);

    printf("malloc %lu calloc %lu realloc %lu free %lu, %lu bytes requested\n", mallocs, callocs,
           reallocs, frees, bytes);
    printf("live at end: %lu blocks, %lu bytes, hash %016" PRIx64 "\n", live, live_bytes, h);
    printf("pattern errors %d, calloc non-zero bytes %lu\n", bad, calloc_nonzero);

    /* alignment */
    int aligned_ok = 1;
    for (size_t al = 8; al <= 65536; al *= 2) {
        void *p = NULL;
        if (posix_memalign(&p, al, 100 + al) != 0 || ((uintptr_t)p & (al - 1))) aligned_ok = 0;
        void *q = aligned_alloc(al, al * 3);
        if (!q || ((uintptr_t)q & (al - 1))) aligned_ok = 0;
        free(p);
        free(q);
    }
    void *m = malloc(1);
    printf("alignment ok %d, malloc(1) 16-aligned %d, malloc(0) freeable %d\n", aligned_ok,
           ((uintptr_t)m & 15) == 0, (free(malloc(0)), 1));
    free(m);
    /* one big block touched everywhere */
    size_t big = 64u << 20;
    unsigned char *p = malloc(big);
    if (p) {
        for (size_t i = 0; i < big; i += 4096) p[i] = (unsigned char)(i >> 12);
        unsigned sum = 0;
        for (size_t i = 0; i < big; i += 4096) sum += p[i];
        printf("64 MiB block: page sum %u\n", sum);
        free(p);
    }
    return 0;
}
