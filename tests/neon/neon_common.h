/* neon_common.h — shared by the NEON intrinsics tests (tests/neon/neon_*.c).
 *
 * Each test applies intrinsics to a fixed set of inputs and prints every
 * result as hex, one labelled line per (intrinsic, input) pair, followed by
 * the FPSR bits the operation set (QC for saturation, the IEEE flags for FP),
 * so the output under tern can be compared line by line with qemu-aarch64
 * running the same binary (tests/neon/run.sh). The inputs are built from
 * "edge" lanes (zero, one, -1, the signed and unsigned limits and their
 * neighbours, half values, alternating bits) rotated per input, plus values
 * from a fixed xorshift generator: nothing depends on the run.
 *
 * Ordering: GCC treats the intrinsics as pure and may move them across the
 * FPSR accesses, so BARRIER_IN/BARRIER_OUT (empty volatile asm statements
 * that claim to change the inputs / use the result) pin each operation
 * between the FPSR clear and the FPSR read.
 */
#ifndef NEON_COMMON_H
#define NEON_COMMON_H

#include <arm_neon.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- deterministic generator (xorshift64*) ---- */
static uint64_t nt_rng = 0x2545F4914F6CDD1Dull;
static inline uint64_t nt_rand(void)
{
    nt_rng ^= nt_rng >> 12;
    nt_rng ^= nt_rng << 25;
    nt_rng ^= nt_rng >> 27;
    return nt_rng * 0x2545F4914F6CDD1Dull;
}

/* ---- FPSR ---- */
static inline void fpsr_clear(void) { __builtin_aarch64_set_fpsr(0); }
static inline unsigned fpsr_get(void) { return __builtin_aarch64_get_fpsr(); }
static inline void fpcr_set(unsigned v) { __builtin_aarch64_set_fpcr(v); }
static inline unsigned fpcr_get(void) { return __builtin_aarch64_get_fpcr(); }
#define FPCR_FZ (1u << 24)
#define FPCR_DN (1u << 25)
#define FPCR_RMODE(m) ((unsigned)(m) << 22)   /* 0 RN, 1 RP, 2 RM, 3 RZ */

/* "QC IDC IXC UFC OFC DZC IOC" as letters, '-' where clear */
static inline const char *fpsr_str(unsigned f)
{
    static char s[8];
    s[0] = (f >> 27) & 1 ? 'Q' : '-';
    s[1] = (f >> 7) & 1 ? 'D' : '-';
    s[2] = (f >> 4) & 1 ? 'X' : '-';
    s[3] = (f >> 3) & 1 ? 'U' : '-';
    s[4] = (f >> 2) & 1 ? 'O' : '-';
    s[5] = (f >> 1) & 1 ? 'Z' : '-';
    s[6] = f & 1 ? 'I' : '-';
    s[7] = 0;
    return s;
}

#define BARRIER_IN(x) __asm__ volatile("" : "+w"(x))
#define BARRIER_OUT(x) __asm__ volatile("" : "+w"(x))

/* ---- printing ---- */
/* a vector (or any object) as hex, highest byte first, '_' between 64-bit halves */
static inline void print_hex(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = n; i-- > 0;) {
        printf("%02x", b[i]);
        if (i == 8) putchar('_');
    }
}
static inline void print_result(const char *name, int k, const void *r, size_t n, unsigned fpsr)
{
    printf("%-22s %d: ", name, k);
    print_hex(r, n);
    if (fpsr) printf(" %s", fpsr_str(fpsr));
    putchar('\n');
}

/* ---- inputs ---- */
#define NT_MAXIN 12             /* inputs per operand, at most */
static int nt_nin = 6;          /* inputs per operand now (set by the fill_*) */
static uint8_t IN_A[NT_MAXIN][64], IN_B[NT_MAXIN][64], IN_C[NT_MAXIN][64];

/* lane "shape" s for element size esize bytes, as little-endian bytes */
static inline void edge_lane(uint8_t *dst, int esize, int s)
{
    uint64_t top = 1ull << (esize * 8 - 1), mask = esize == 8 ? ~0ull : (1ull << (esize * 8)) - 1;
    uint64_t v;
    switch (s % 16) {
    case 0: v = 0; break;
    case 1: v = 1; break;
    case 2: v = mask; break;                /* -1 */
    case 3: v = top; break;                 /* signed min */
    case 4: v = top - 1; break;             /* signed max */
    case 5: v = top + 1; break;
    case 6: v = top - 2; break;
    case 7: v = top >> 1; break;            /* half */
    case 8: v = (top >> 1) | top; break;    /* -half */
    case 9: v = 0x5555555555555555ull & mask; break;
    case 10: v = 0xaaaaaaaaaaaaaaaaull & mask; break;
    case 11: v = 2; break;
    case 12: v = mask - 1; break;           /* -2 */
    case 13: v = 0x7f & mask; break;
    case 14: v = 0x80 & mask; break;
    default: v = 3; break;
    }
    memcpy(dst, &v, esize);
}

/* fill IN_A/IN_B/IN_C for lanes of esize bytes: inputs 0-2 are edge lanes in
 * different rotations, 3-5 random (input 5 of B: small values, which suit
 * shift counts and lane indices) */
static inline void fill_inputs(int esize)
{
    nt_rng = 0x2545F4914F6CDD1Dull + (uint64_t)esize;
    nt_nin = 6;
    for (int k = 0; k < nt_nin; k++) {
        for (int i = 0; i < 64 / esize; i++) {
            uint8_t *a = &IN_A[k][i * esize], *b = &IN_B[k][i * esize], *c = &IN_C[k][i * esize];
            if (k < 3) {
                edge_lane(a, esize, i + 5 * k);
                edge_lane(b, esize, i * 3 + 7 * k + 1);
                edge_lane(c, esize, i * 5 + 3 * k + 2);
            } else {
                uint64_t ra = nt_rand(), rb = nt_rand(), rc = nt_rand();
                if (k == 5) rb = (rb & 0x3f) - 0x20;   /* -32..31 */
                memcpy(a, &ra, esize);
                memcpy(b, &rb, esize);
                memcpy(c, &rc, esize);
            }
        }
    }
}

/* floating-point lanes: signed zeros, ones, halves (rounding ties), infinities,
 * quiet and signalling NaNs with payloads, subnormals, the normal limits,
 * integer-conversion limits, then random finite values */
static const uint32_t fp32_special[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0x3fc00000,
    0x40200000, 0xc0200000, 0x40400000, 0x7f800000, 0xff800000, 0x7fc00000,
    0xffc01234, 0x7f800001, 0x7fa00005, 0x00000001, 0x007fffff, 0x80000010,
    0x00800000, 0x7f7fffff, 0xff7fffff, 0x4f000000, 0xcf000000, 0x4f800000,
    0x501502f9, 0x3dcccccd, 0xbf333333, 0x437f8000, 0x477fff80, 0x3eaaaaab,
    0x00c00000, 0x4b800001, 0xcf000001, 0x5f000000, 0x3effffff, 0xbeffffff,
};
static const uint64_t fp64_special[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
    0xbff0000000000000ull, 0x3fe0000000000000ull, 0x3ff8000000000000ull,
    0x4004000000000000ull, 0xc004000000000000ull, 0x4008000000000000ull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0xfff8000000001234ull, 0x7ff0000000000001ull, 0x7ff4000000000005ull,
    0x0000000000000001ull, 0x000fffffffffffffull, 0x8000000000000010ull,
    0x0010000000000000ull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
    0x41e0000000000000ull, 0xc1e0000000000000ull, 0x41f0000000000000ull,
    0x43e0000000000000ull, 0xc3e0000000000000ull, 0x43f0000000000000ull,
    0x3fb999999999999aull, 0xbfe6666666666666ull, 0x3fd5555555555555ull,
    0x36a0000000000000ull, 0x47efffffe0000000ull, 0x3810000000000000ull,
    0x4330000000000001ull, 0x3fdfffffffffffffull, 0x7fe1234567890abcull,
};
#define NT_NSPECIAL32 (sizeof fp32_special / sizeof fp32_special[0])
#define NT_NSPECIAL64 (sizeof fp64_special / sizeof fp64_special[0])

/* a random finite value of moderate magnitude, either sign */
static inline uint64_t fp_random(int esize)
{
    uint64_t r = nt_rand();
    if (esize == 4)
        return (r & 0x807fffffu) | ((uint64_t)(127 - 24 + (r >> 40) % 48) << 23);
    return (r & 0x800fffffffffffffull) | ((uint64_t)(1023 - 40 + (r >> 52) % 80) << 52);
}

/* fill the inputs with FP lanes of esize (4 or 8) bytes: inputs 0-8 walk the
 * special values with different strides per operand, 9-11 are random */
static inline void fill_fp_inputs(int esize)
{
    nt_rng = 0x9E3779B97F4A7C15ull + (uint64_t)esize;
    nt_nin = 12;
    unsigned n = esize == 4 ? NT_NSPECIAL32 : NT_NSPECIAL64;
    for (int k = 0; k < nt_nin; k++) {
        for (int i = 0; i < 64 / esize; i++) {
            uint64_t va, vb, vc;
            if (k < 9) {
                unsigned ia = (unsigned)(k * 4 + i) % n, ib = (unsigned)(k * 7 + i * 5 + 3) % n,
                         ic = (unsigned)(k * 11 + i * 3 + 1) % n;
                va = esize == 4 ? fp32_special[ia] : fp64_special[ia];
                vb = esize == 4 ? fp32_special[ib] : fp64_special[ib];
                vc = esize == 4 ? fp32_special[ic] : fp64_special[ic];
            } else {
                va = fp_random(esize);
                vb = fp_random(esize);
                vc = fp_random(esize);
            }
            memcpy(&IN_A[k][i * esize], &va, esize);
            memcpy(&IN_B[k][i * esize], &vb, esize);
            memcpy(&IN_C[k][i * esize], &vc, esize);
        }
    }
}

/* ---- test shapes: unary, binary, ternary; ops with an immediate are
 * expressed as a lambda-like statement expression in the macro argument ---- */
#define RUN1(name, vt, expr)                                                 \
    for (int k = 0; k < nt_nin; k++) {                                       \
        vt a;                                                                \
        memcpy(&a, IN_A[k], sizeof a);                                       \
        fpsr_clear();                                                        \
        BARRIER_IN(a);                                                       \
        __typeof__(expr) r = (expr);                                         \
        BARRIER_OUT(r);                                                      \
        unsigned f = fpsr_get();                                             \
        print_result(name, k, &r, sizeof r, f);                              \
    }

#define RUN2(name, vt, vtb, expr)                                            \
    for (int k = 0; k < nt_nin; k++) {                                       \
        vt a;                                                                \
        vtb b;                                                               \
        memcpy(&a, IN_A[k], sizeof a);                                       \
        memcpy(&b, IN_B[k], sizeof b);                                       \
        fpsr_clear();                                                        \
        BARRIER_IN(a);                                                       \
        BARRIER_IN(b);                                                       \
        __typeof__(expr) r = (expr);                                         \
        BARRIER_OUT(r);                                                      \
        unsigned f = fpsr_get();                                             \
        print_result(name, k, &r, sizeof r, f);                              \
    }

#define RUN3(name, vt, vtb, vtc, expr)                                       \
    for (int k = 0; k < nt_nin; k++) {                                       \
        vt a;                                                                \
        vtb b;                                                               \
        vtc c;                                                               \
        memcpy(&a, IN_A[k], sizeof a);                                       \
        memcpy(&b, IN_B[k], sizeof b);                                       \
        memcpy(&c, IN_C[k], sizeof c);                                       \
        fpsr_clear();                                                        \
        BARRIER_IN(a);                                                       \
        BARRIER_IN(b);                                                       \
        BARRIER_IN(c);                                                       \
        __typeof__(expr) r = (expr);                                         \
        BARRIER_OUT(r);                                                      \
        unsigned f = fpsr_get();                                             \
        print_result(name, k, &r, sizeof r, f);                              \
    }

/* scalar results (across-lanes reductions, lane gets) go through a vector
 * register too, but BARRIER_OUT wants a SIMD-or-GPR operand: "+r" fits them */
#define RUN1S(name, vt, expr)                                                \
    for (int k = 0; k < nt_nin; k++) {                                       \
        vt a;                                                                \
        memcpy(&a, IN_A[k], sizeof a);                                       \
        fpsr_clear();                                                        \
        BARRIER_IN(a);                                                       \
        __typeof__(expr) r = (expr);                                         \
        __asm__ volatile("" : "+r"(r));                                      \
        unsigned f = fpsr_get();                                             \
        print_result(name, k, &r, sizeof r, f);                              \
    }

/* the last line: a run that stopped early lacks it */
static inline void nt_done(const char *test)
{
    printf("%s done\n", test);
}

#endif
