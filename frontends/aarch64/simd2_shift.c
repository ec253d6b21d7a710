/* simd2_shift.c — helpers for the AdvSIMD "shift by immediate" class, vector
 * and scalar: saturating left shifts and saturating narrowing right shifts
 * (the plain and rounding right shifts, SHL, SLI, SRI, SHRN/RSHRN and the
 * widening SSHLL/USHLL are built inline by trans_simd2.c).
 *
 * trans_simd2.c decodes immh:immb into the element size (sz = log2 bytes)
 * and the shift amount and refuses reserved encodings; the helpers take
 * those plus the insn word (Rd, Rn, Q, U, scalar bit 28, opcode bits 15:11).
 *
 * Each helper body is instantiated per element size and runs a fixed number
 * of lanes (all of a 128-bit register, or of its 64-bit narrow result), so
 * the loops unroll and the lanes live in registers; the result is then cut
 * to the insn's shape (simd2_helpers.h).
 *
 * Invariants: a lane is computed from zero- or sign-extended 64-bit values
 * (or 128-bit where a rounding constant can carry out of 64 bits) and
 * truncated to its element size when stored; sources are read before Vd is
 * written, so Vd may alias Vn; a scalar result or a Q = 0 vector result has
 * zeros above it, a "2" narrowing result keeps the low half of Vd; only a
 * lane the insn has can set FPSR.QC.
 */
#include "frontends/aarch64/a64_vec.h"
#include "frontends/aarch64/aarch64.h"
#include "frontends/aarch64/simd2_helpers.h"

#define SCALAR(insn) (((insn) >> 28) & 1)
#define OPCODE(insn) ((unsigned)((insn) >> 11) & 31)

static inline uint64_t ones(unsigned esize)
{
    return esize >= 64 ? ~0ull : (1ull << esize) - 1;
}

/* rounding right shifts: the rounding constant may carry out of 64 bits */
static inline int64_t srshr64(int64_t x, unsigned sh)
{
    return (int64_t)(((__int128)x + ((__int128)1 << (sh - 1))) >> sh);
}
static inline uint64_t urshr64(uint64_t x, unsigned sh)
{
    return (uint64_t)(((unsigned __int128)x + ((unsigned __int128)1 << (sh - 1))) >> sh);
}

/* opcode 01100 (U = 1) SQSHLU, 01110 SQSHL (U = 0) / UQSHL (U = 1); sh < esize */
SIMD2_INLINE void qshl_body(unsigned sz, struct cpu *cpu, uint64_t insn, unsigned s)
{
    v2reg n = v2_get(cpu, A64V_RN(insn)), r = { { 0, 0 } };
    unsigned esize = 8u << sz;
    bool shlu = OPCODE(insn) == 0x0c, u = A64V_U(insn);
    uint32_t sat = 0;
    uint64_t umax = ones(esize), smax = umax >> 1;
    V2_UNROLL
    for (unsigned i = 0; i < (16u >> sz); i++) {
        uint64_t v;
        bool lsat = false;
        if (shlu || !u) {
            int64_t x = v2_slane(&n, sz, i);
            if (shlu) {
                /* signed in, unsigned out: negative lanes clamp to 0 */
                if (x < 0) {
                    v = 0;
                    lsat = true;
                } else if (s && (uint64_t)x >> (esize - s)) {
                    v = umax;
                    lsat = true;
                } else {
                    v = (uint64_t)x << s;
                }
            } else {
                /* fits iff the bits shifted out and the new sign bit agree */
                int64_t hi = x >> (esize - 1 - s);
                if (hi != 0 && hi != -1) {
                    v = x < 0 ? ~smax : smax;
                    lsat = true;
                } else {
                    v = (uint64_t)x << s;
                }
            }
        } else {
            uint64_t x = v2_lane(&n, sz, i);
            if (s && x >> (esize - s)) {
                v = umax;
                lsat = true;
            } else {
                v = x << s;
            }
        }
        sat |= (uint32_t)lsat << i;
        v2_set_lane(&r, sz, i, v);
    }
    v2_put_shaped(cpu, insn, sz, r);
    if (sat & v2_valid_lanes(insn, sz))
        cpu->fpsr |= A64_FPSR_QC;
}
uint64_t a64_helper_qshl_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3)
{
    (void)u3;
    FOR_SZ(sz, qshl_body, cpu, insn, (unsigned)sh);
    return 0;
}

/* rounding right shift of a lane of 1 << (sz + 1) bytes; only a 64-bit lane
 * can carry out of 64 bits */
SIMD2_INLINE uint64_t rshr_wide(uint64_t x, unsigned sz, unsigned s)
{
    return sz < 2 ? (x + (1ull << (s - 1))) >> s : urshr64(x, s);
}

/* opcode 10000 SQSHRUN (U = 1), 10001 SQRSHRUN (U = 1), 10010 SQSHRN /
 * UQSHRN, 10011 SQRSHRN / UQRSHRN (SHRN and RSHRN, U = 0 of the first two,
 * are built inline). sz is the narrow (destination) element; sh is 1..esize */
SIMD2_INLINE void shrn_body(unsigned sz, struct cpu *cpu, uint64_t insn, unsigned s)
{
    v2reg n = v2_get(cpu, A64V_RN(insn)), r = { { 0, 0 } };
    unsigned op = OPCODE(insn), esize = 8u << sz;
    bool round = op & 1, u = A64V_U(insn);
    uint32_t sat = 0;
    uint64_t umax = ones(esize), smax = umax >> 1;
    V2_UNROLL
    for (unsigned i = 0; i < (8u >> sz); i++) {
        uint64_t v;
        bool lsat = false;
        if ((op & 2) && u) {
            /* UQSHRN/UQRSHRN */
            uint64_t x = v2_lane(&n, sz + 1, i);
            v = round ? rshr_wide(x, sz, s) : x >> s;
            if (v > umax) {
                v = umax;
                lsat = true;
            }
        } else {
            /* signed source: SQSHRN/SQRSHRN (signed result), SQSHRUN/SQRSHRUN */
            int64_t x = v2_slane(&n, sz + 1, i);
            int64_t t = round ? (sz < 2 ? (x + (1ll << (s - 1))) >> s : srshr64(x, s)) : x >> s;
            if (u) {
                if (t < 0) {
                    t = 0;
                    lsat = true;
                } else if ((uint64_t)t > umax) {
                    t = (int64_t)umax;
                    lsat = true;
                }
            } else if (t > (int64_t)smax) {
                t = (int64_t)smax;
                lsat = true;
            } else if (t < -(int64_t)smax - 1) {
                t = -(int64_t)smax - 1;
                lsat = true;
            }
            v = (uint64_t)t;
        }
        sat |= (uint32_t)lsat << i;
        v2_set_lane(&r, sz, i, v);
    }
    v2_put_narrow(cpu, insn, sz, r.w[0]);
    if (sat & (SCALAR(insn) ? 1u : ~0u))
        cpu->fpsr |= A64_FPSR_QC;
}
uint64_t a64_helper_shrn_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3)
{
    (void)u3;
    FOR_SZ012(sz, shrn_body, cpu, insn, (unsigned)sh);
    return 0;
}
