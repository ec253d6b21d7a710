/* qsort — the C library's qsort and bsearch on ints, doubles, strings and
 * structs (comparators impose a total order, so the result is unique), plus a
 * hand-written merge sort to check against. */
#include <stdlib.h>
#include "common.h"

#define N 20000

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_u64_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x < y) - (x > y);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct rec {
    int key;
    int idx;
    char tag[6];
};

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return (x->key > y->key) - (x->key < y->key);
    return (x->idx > y->idx) - (x->idx < y->idx);
}

static void merge_sort(int *a, int *tmp, size_t n)
{
    if (n < 2) return;
    size_t m = n / 2;
    merge_sort(a, tmp, m);
    merge_sort(a + m, tmp, n - m);
    size_t i = 0, j = m, k = 0;
    while (i < m && j < n) tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
    while (i < m) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

int main(void)
{
    static int a[N], b[N], tmp[N];
    rng_seed(31337);
    for (int i = 0; i < N; i++) a[i] = b[i] = (int)(rng64() % 100000) - 50000;
    qsort(a, N, sizeof a[0], cmp_int);
    merge_sort(b, tmp, N);
    int sorted = 1;
    for (int i = 1; i < N; i++)
        if (a[i - 1] > a[i]) sorted = 0;
    printf("ints: sorted %d same as merge sort %d min %d max %d median %d hash %016" PRIx64 "\n",
           sorted, memcmp(a, b, sizeof a) == 0, a[0], a[N - 1], a[N / 2],
           fnv_bytes(FNV_INIT, a, sizeof a));
    int hits = 0, misses = 0;
    for (int k = -50010; k < 50010; k += 37) {
        int *p = bsearch(&k, a, N, sizeof a[0], cmp_int);
        if (p) {
            hits++;
            if (*p != k) printf("bsearch returned the wrong element\n");
        } else {
            misses++;
        }
    }
    printf("bsearch: %d hits %d misses\n", hits, misses);

    static uint64_t u[5000];
    for (int i = 0; i < 5000; i++) u[i] = rng64() >> rng_below(64);
    qsort(u, 5000, sizeof u[0], cmp_u64_desc);
    printf("u64 desc: first %016" PRIx64 " last %016" PRIx64 " hash %016" PRIx64 "\n", u[0],
           u[4999], fnv_bytes(FNV_INIT, u, sizeof u));

    static double d[5000];
    for (int i = 0; i < 5000; i++) d[i] = ((double)(int64_t)rng64() / 1e15) * ((i % 7) ? 1 : 1e-300);
    qsort(d, 5000, sizeof d[0], cmp_double);
    printf("doubles: first %a last %a hash %016" PRIx64 "\n", d[0], d[4999],
           fnv_bytes(FNV_INIT, d, sizeof d));

    static char words[3000][12];
    static char *wp[3000];
    for (int i = 0; i < 3000; i++) {
        int len = 1 + (int)rng_below(10);
        for (int j = 0; j < len; j++) words[i][j] = (char)('a' + rng_below(6));
        words[i][len] = 0;
        wp[i] = words[i];
    }
    qsort(wp, 3000, sizeof wp[0], cmp_str);
    uint64_t h = FNV_INIT;
    int dups = 0;
    for (int i = 0; i < 3000; i++) {
        h = fnv_bytes(h, wp[i], strlen(wp[i]) + 1);
        if (i && strcmp(wp[i - 1], wp[i]) == 0) dups++;
    }
    printf("strings: first \"%s\" last \"%s\" duplicates %d hash %016" PRIx64 "\n", wp[0], wp[2999],
           dups, h);

    static struct rec r[4000];
    for (int i = 0; i < 4000; i++) {
        r[i].key = (int)rng_below(50);
        r[i].idx = i;
        snprintf(r[i].tag, sizeof r[i].tag, "t%d", i % 1000);
    }
    qsort(r, 4000, sizeof r[0], cmp_rec);
    h = FNV_INIT;
    for (int i = 0; i < 4000; i++) h = fnv_u64(fnv_u64(h, (uint64_t)r[i].key), (uint64_t)r[i].idx);
    printf("structs: first %d/%d/%s last %d/%d/%s hash %016" PRIx64 "\n", r[0].key, r[0].idx,
           r[0].tag, r[3999].key, r[3999].idx, r[3999].tag, h);

    /* degenerate inputs */
    int same[100], rev[100];
    for (int i = 0; i < 100; i++) {
        same[i] = 7;
        rev[i] = 100 - i;
    }
    qsort(same, 100, sizeof(int), cmp_int);
    qsort(rev, 100, sizeof(int), cmp_int);
    qsort(rev, 0, sizeof(int), cmp_int);
    printf("degenerate: %d %d %d %d\n", same[0], same[99], rev[0], rev[99]);
    return 0;
}
