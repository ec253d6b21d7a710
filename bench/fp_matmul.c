/* fp_matmul — double-precision matrix multiply (loop order i-k-j, 200x200,
 * repeated), then a checksum of the product: streams rows through the cache
 * with one multiply-add per element. */
#include "bench.h"

#define N 200

static double a[N][N], b[N][N], c[N][N];

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    uint64_t st = 99;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)(mix64(&st) % 2001) / 1000.0 - 1.0;
            b[i][j] = (double)(mix64(&st) % 2001) / 1000.0 - 1.0;
        }
    double total = 0;
    for (int rep = 0; rep < 120 * scale; rep++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) c[i][j] = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double aik = a[i][k];
                for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
            }
        /* feed the result back so every repetition differs */
        for (int i = 0; i < N; i++) {
            total += c[i][(i * 7 + rep) % N];
            a[i][rep % N] = c[i][i] * 1e-3;
        }
    }
    uint64_t sum;
    __builtin_memcpy(&sum, &total, sizeof sum);
    bench_result("fp_matmul", sum);
    return 0;
}
