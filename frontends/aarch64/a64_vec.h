/* a64_vec.h — lane access to the V registers for the AdvSIMD helpers, and
 * the one way trans_* functions pass a vector insn's fields to a helper.
 *
 * Invariants:
 *  - V[n] is 16 little-endian bytes at cpu->vreg[n]: lane i of an esize-byte
 *    element type is bytes [i*esize, (i+1)*esize);
 *  - a helper computes its whole result into a local copy and only then writes
 *    the destination, so Vd may alias any source;
 *  - a 64-bit (Q = 0) vector op zeroes bits 127:64 of Vd, as do scalar ops.
 */
#ifndef TERN_A64_VEC_H
#define TERN_A64_VEC_H

#include <stdint.h>
#include <string.h>

#include "runner/cpu.h"

typedef union {
    uint8_t b[16];
    uint16_t h[8];
    uint32_t s[4];
    uint64_t d[2];
    int8_t sb[16];
    int16_t sh[8];
    int32_t ss[4];
    int64_t sd[2];
} a64_vreg;

static inline a64_vreg a64_vget(const struct cpu *cpu, unsigned r)
{
    a64_vreg v;
    memcpy(&v, cpu->vreg[r & 31], 16);
    return v;
}
static inline void a64_vput(struct cpu *cpu, unsigned r, const a64_vreg *v)
{
    memcpy(cpu->vreg[r & 31], v, 16);
}
/* write a 64-bit-wide result (Q = 0): bits 127:64 become zero */
static inline void a64_vput_q(struct cpu *cpu, unsigned r, a64_vreg v, int q)
{
    if (!q)
        v.d[1] = 0;
    a64_vput(cpu, r, &v);
}

/* lane i of size 1 << sz bytes (sz 0..3), zero-extended / sign-extended */
static inline uint64_t a64_lane(const a64_vreg *v, unsigned sz, unsigned i)
{
    switch (sz) {
    case 0: return v->b[i];
    case 1: return v->h[i];
    case 2: return v->s[i];
    default: return v->d[i];
    }
}
static inline int64_t a64_slane(const a64_vreg *v, unsigned sz, unsigned i)
{
    switch (sz) {
    case 0: return v->sb[i];
    case 1: return v->sh[i];
    case 2: return v->ss[i];
    default: return v->sd[i];
    }
}
static inline void a64_set_lane(a64_vreg *v, unsigned sz, unsigned i, uint64_t x)
{
    switch (sz) {
    case 0: v->b[i] = (uint8_t)x; break;
    case 1: v->h[i] = (uint16_t)x; break;
    case 2: v->s[i] = (uint32_t)x; break;
    default: v->d[i] = x; break;
    }
}

/* The descriptor a trans_* hands to a vector helper as one integer argument:
 * the raw insn word carries every field (Rd, Rn, Rm, size, Q, U, opcode), so
 * helpers take the insn and pick what they need with these. */
#define A64V_RD(insn)   ((unsigned)(insn) & 31)
#define A64V_RN(insn)   ((unsigned)((insn) >> 5) & 31)
#define A64V_RM(insn)   ((unsigned)((insn) >> 16) & 31)
#define A64V_Q(insn)    ((unsigned)((insn) >> 30) & 1)
#define A64V_U(insn)    ((unsigned)((insn) >> 29) & 1)
#define A64V_SIZE(insn) ((unsigned)((insn) >> 22) & 3)

#endif
