/* fp_nbody — double-precision arithmetic: a gravitational system of 40 bodies
 * stepped with a leapfrog integrator; every pair interacts every step
 * (add/mul/div/sqrt, a few long dependency chains). */
#include <math.h>
#include "bench.h"

#define NB 40

struct body { double x, y, z, vx, vy, vz, m; };

static double energy(const struct body *b)
{
    double e = 0;
    for (int i = 0; i < NB; i++) {
        e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz + 1e-3);
        }
    }
    return e;
}

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    static struct body b[NB];
    uint64_t st = 7;
    for (int i = 0; i < NB; i++) {
        b[i].x = (double)(mix64(&st) >> 11) / 9007199254740992.0 * 10 - 5;
        b[i].y = (double)(mix64(&st) >> 11) / 9007199254740992.0 * 10 - 5;
        b[i].z = (double)(mix64(&st) >> 11) / 9007199254740992.0 * 2 - 1;
        b[i].vx = -b[i].y * 0.05;
        b[i].vy = b[i].x * 0.05;
        b[i].vz = 0;
        b[i].m = 0.5 + (double)(mix64(&st) % 1000) / 1000.0;
    }
    double e0 = energy(b);
    const double dt = 0.001;
    int steps = 60000 * scale;
    for (int s = 0; s < steps; s++) {
        for (int i = 0; i < NB; i++) {
            double ax = 0, ay = 0, az = 0;
            for (int j = 0; j < NB; j++) {
                if (j == i) continue;
                double dx = b[j].x - b[i].x, dy = b[j].y - b[i].y, dz = b[j].z - b[i].z;
                double d2 = dx * dx + dy * dy + dz * dz + 1e-3;
                double inv = b[j].m / (d2 * sqrt(d2));
                ax += dx * inv;
                ay += dy * inv;
                az += dz * inv;
            }
            b[i].vx += ax * dt;
            b[i].vy += ay * dt;
            b[i].vz += az * dt;
        }
        for (int i = 0; i < NB; i++) {
            b[i].x += b[i].vx * dt;
            b[i].y += b[i].vy * dt;
            b[i].z += b[i].vz * dt;
        }
    }
    double e1 = energy(b);
    uint64_t sum;
    double mix = e0 * 3 + e1 + b[0].x + b[NB - 1].vz;
    __builtin_memcpy(&sum, &mix, sizeof sum);
    bench_result("fp_nbody", sum);
    return 0;
}
