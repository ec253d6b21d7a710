/* simd_lane.h — per-lane arithmetic shared by the AdvSIMD integer helpers
 * (simd_int.c, simd_misc.c, simd_perm.c): element limits, sign extension,
 * saturation, and the loop scaffolding that makes the element size a
 * compile-time constant inside each loop.
 *
 * Invariants:
 *  - a lane value travels as uint64_t holding the element zero-extended;
 *    signed ops sign-extend it themselves with lane_sx();
 *  - saturating ops compute the exact result (in 128 bits where 64 could
 *    overflow) and clamp it, setting *sat when the clamp changed the value;
 *    the caller ORs FPSR.QC into cpu->fpsr only when some lane saturated;
 *  - every helper reads its sources into locals before writing Vd (a64_vec.h),
 *    so any register may alias any other.
 */
#ifndef TERN_A64_SIMD_LANE_H
#define TERN_A64_SIMD_LANE_H

#include <stdint.h>

#include "frontends/aarch64/a64_vec.h"
#include "frontends/aarch64/aarch64.h"

__extension__ typedef __int128 a64_i128;
__extension__ typedef unsigned __int128 a64_u128;

/* the helper ABI of gen_call: the insn word in a0, the rest unused */
#define A64_VH(name) \
    uint64_t name(struct cpu *cpu, uint64_t insn, uint64_t u1_, uint64_t u2_, uint64_t u3_)
#define A64_VH_UNUSED() ((void)u1_, (void)u2_, (void)u3_)

/* Run the statements with SZ an enum constant equal to sz (0..3), so the lane
 * accessors and the per-lane ops below fold their size switches away. */
#define A64_FOR_SZ(sz, ...)                               \
    do {                                                  \
        switch (sz) {                                     \
        case 0: { enum { SZ = 0 }; __VA_ARGS__; } break;  \
        case 1: { enum { SZ = 1 }; __VA_ARGS__; } break;  \
        case 2: { enum { SZ = 2 }; __VA_ARGS__; } break;  \
        default: { enum { SZ = 3 }; __VA_ARGS__; } break; \
        }                                                 \
    } while (0)

/* the same for ops whose size 3 is reserved (the widening and narrowing ones,
 * where SZ + 1 must stay a valid size) */
#define A64_FOR_SZ012(sz, ...)                            \
    do {                                                  \
        switch (sz) {                                     \
        case 0: { enum { SZ = 0 }; __VA_ARGS__; } break;  \
        case 1: { enum { SZ = 1 }; __VA_ARGS__; } break;  \
        default: { enum { SZ = 2 }; __VA_ARGS__; } break; \
        }                                                 \
    } while (0)

/* an insn of the scalar AdvSIMD groups has bit 28 set (01x11110...), a vector
 * one clear (0xx01110...) */
static inline int a64_is_scalar(uint64_t insn)
{
    return (insn >> 28) & 1;
}
/* lanes of 1 << sz bytes the insn processes: 1 for a scalar, 8 or 16 bytes'
 * worth for a vector (Q) */
static inline unsigned a64_nlanes(uint64_t insn, unsigned sz)
{
    return a64_is_scalar(insn) ? 1 : (8u << A64V_Q(insn)) >> sz;
}

static inline unsigned lane_bits(unsigned sz)
{
    return 8u << sz;
}
static inline uint64_t lane_umax(unsigned sz)
{
    return sz == 3 ? ~0ull : (1ull << lane_bits(sz)) - 1;
}
static inline int64_t lane_smax(unsigned sz)
{
    return (int64_t)(lane_umax(sz) >> 1);
}
static inline int64_t lane_smin(unsigned sz)
{
    return -lane_smax(sz) - 1;
}
static inline int64_t lane_sx(uint64_t x, unsigned sz)
{
    unsigned sh = 64 - lane_bits(sz);
    return (int64_t)(x << sh) >> sh;
}
static inline uint64_t lane_trunc(uint64_t x, unsigned sz)
{
    return x & lane_umax(sz);
}

/* clamp an exact result to the signed / unsigned range of the lane */
static inline uint64_t sat_s(a64_i128 v, unsigned sz, int *sat)
{
    if (v > lane_smax(sz)) {
        *sat = 1;
        return lane_trunc((uint64_t)lane_smax(sz), sz);
    }
    if (v < lane_smin(sz)) {
        *sat = 1;
        return lane_trunc((uint64_t)lane_smin(sz), sz);
    }
    return lane_trunc((uint64_t)v, sz);
}
static inline uint64_t sat_u(a64_i128 v, unsigned sz, int *sat)
{
    if (v < 0) {
        *sat = 1;
        return 0;
    }
    if ((a64_u128)v > lane_umax(sz)) {
        *sat = 1;
        return lane_umax(sz);
    }
    return (uint64_t)v;
}

/* leading zeros of the low (8 << sz) bits */
static inline unsigned lane_clz(uint64_t x, unsigned sz)
{
    return x ? (unsigned)__builtin_clzll(x) - (64 - lane_bits(sz)) : lane_bits(sz);
}

static inline void a64_set_qc(struct cpu *cpu, int sat)
{
    if (sat)
        cpu->fpsr |= A64_FPSR_QC;
}

#endif
