/* simd2_shift.c — helpers for the AdvSIMD "shift by immediate" class, vector
 * and scalar: right shifts (plain, rounding, accumulating), SHL, SLI, SRI,
 * saturating left shifts, narrowing right shifts and widening left shifts.
 *
 * trans_simd2.c decodes immh:immb into the element size (sz = log2 bytes)
 * and the shift amount and refuses reserved encodings; the helpers take
 * those plus the insn word (Rd, Rn, Q, U, scalar bit 28, opcode bits 15:11).
 *
 * Invariants: a lane is computed from zero- or sign-extended 64-bit values
 * (or 128-bit where a rounding constant can carry out of 64 bits) and
 * truncated to its element size when stored; results are built in a local
 * register and written to Vd whole, so Vd may alias Vn; a scalar result or a
 * Q = 0 vector result has zeros above it, a "2" narrowing result keeps the
 * low half of Vd; a lane that saturates sets FPSR.QC.
 */
#include "frontends/aarch64/a64_vec.h"
#include "frontends/aarch64/aarch64.h"
#include "frontends/aarch64/simd2_helpers.h"

#define SCALAR(insn) (((insn) >> 28) & 1)
#define OPCODE(insn) ((unsigned)((insn) >> 11) & 31)

/* number of lanes of 1 << sz bytes an insn touches (scalar forms: 1) */
static inline unsigned nlanes(uint64_t insn, unsigned sz)
{
    if (SCALAR(insn))
        return 1;
    return (A64V_Q(insn) ? 16u : 8u) >> sz;
}

static inline uint64_t ones(unsigned esize)
{
    return esize >= 64 ? ~0ull : (1ull << esize) - 1;
}

/* right shifts by 1..64 of a lane value widened to 64 bits */
static inline int64_t sshr64(int64_t x, unsigned sh)
{
    return x >> (sh > 63 ? 63 : sh);
}
static inline uint64_t ushr64(uint64_t x, unsigned sh)
{
    return sh > 63 ? 0 : x >> sh;
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

/* opcode 00000 SSHR/USHR, 00010 SSRA/USRA, 00100 SRSHR/URSHR, 00110 SRSRA/URSRA */
uint64_t a64_helper_shr_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3)
{
    (void)u3;
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = a64_vget(cpu, A64V_RD(insn));
    a64_vreg r = { .d = { 0, 0 } };
    unsigned op = OPCODE(insn), cnt = nlanes(insn, (unsigned)sz);
    bool round = op & 4, acc = op & 2, u = A64V_U(insn);
    for (unsigned i = 0; i < cnt; i++) {
        uint64_t v;
        if (u) {
            uint64_t x = a64_lane(&n, (unsigned)sz, i);
            v = round ? urshr64(x, (unsigned)sh) : ushr64(x, (unsigned)sh);
        } else {
            int64_t x = a64_slane(&n, (unsigned)sz, i);
            v = (uint64_t)(round ? srshr64(x, (unsigned)sh) : sshr64(x, (unsigned)sh));
        }
        if (acc)
            v += a64_lane(&d, (unsigned)sz, i);
        a64_set_lane(&r, (unsigned)sz, i, v);
    }
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

uint64_t a64_helper_shl_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3)
{
    (void)u3;
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), r = { .d = { 0, 0 } };
    unsigned cnt = nlanes(insn, (unsigned)sz);
    for (unsigned i = 0; i < cnt; i++)
        a64_set_lane(&r, (unsigned)sz, i, a64_lane(&n, (unsigned)sz, i) << sh);
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

/* SLI: the shifted-in low sh bits of each lane keep Vd's bits */
uint64_t a64_helper_sli_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3)
{
    (void)u3;
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = a64_vget(cpu, A64V_RD(insn));
    a64_vreg r = { .d = { 0, 0 } };
    unsigned cnt = nlanes(insn, (unsigned)sz);
    uint64_t keep = ~(~0ull << sh);
    for (unsigned i = 0; i < cnt; i++)
        a64_set_lane(&r, (unsigned)sz, i,
                     (a64_lane(&d, (unsigned)sz, i) & keep) | a64_lane(&n, (unsigned)sz, i) << sh);
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

/* SRI: the top sh bits of each lane keep Vd's bits (all of them for sh = esize) */
uint64_t a64_helper_sri_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3)
{
    (void)u3;
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), d = a64_vget(cpu, A64V_RD(insn));
    a64_vreg r = { .d = { 0, 0 } };
    unsigned cnt = nlanes(insn, (unsigned)sz);
    uint64_t keep = ~ushr64(ones(8u << sz), (unsigned)sh);
    for (unsigned i = 0; i < cnt; i++)
        a64_set_lane(&r, (unsigned)sz, i,
                     (a64_lane(&d, (unsigned)sz, i) & keep) |
                     ushr64(a64_lane(&n, (unsigned)sz, i), (unsigned)sh));
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

/* opcode 01100 (U = 1) SQSHLU, 01110 SQSHL (U = 0) / UQSHL (U = 1); sh < esize */
uint64_t a64_helper_qshl_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3)
{
    (void)u3;
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), r = { .d = { 0, 0 } };
    unsigned cnt = nlanes(insn, (unsigned)sz), esize = 8u << sz, s = (unsigned)sh;
    bool shlu = OPCODE(insn) == 0x0c, u = A64V_U(insn), sat = false;
    uint64_t umax = ones(esize), smax = umax >> 1;
    for (unsigned i = 0; i < cnt; i++) {
        uint64_t v;
        if (shlu || !u) {
            int64_t x = a64_slane(&n, (unsigned)sz, i);
            if (shlu) {
                /* signed in, unsigned out: negative lanes clamp to 0 */
                if (x < 0) {
                    v = 0;
                    sat = true;
                } else if (s && (uint64_t)x >> (esize - s)) {
                    v = umax;
                    sat = true;
                } else {
                    v = (uint64_t)x << s;
                }
            } else {
                /* fits iff the bits shifted out and the new sign bit agree */
                int64_t hi = x >> (esize - 1 - s);
                if (hi != 0 && hi != -1) {
                    v = x < 0 ? ~smax : smax;
                    sat = true;
                } else {
                    v = (uint64_t)x << s;
                }
            }
        } else {
            uint64_t x = a64_lane(&n, (unsigned)sz, i);
            if (s && x >> (esize - s)) {
                v = umax;
                sat = true;
            } else {
                v = x << s;
            }
        }
        a64_set_lane(&r, (unsigned)sz, i, v);
    }
    a64_vput(cpu, A64V_RD(insn), &r);
    if (sat)
        cpu->fpsr |= A64_FPSR_QC;
    return 0;
}

/* opcode 10000 SHRN (U = 0) / SQSHRUN (U = 1), 10001 RSHRN / SQRSHRUN,
 * 10010 SQSHRN / UQSHRN, 10011 SQRSHRN / UQRSHRN. sz is the narrow
 * (destination) element; sh is 1..esize */
uint64_t a64_helper_shrn_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3)
{
    (void)u3;
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), r;
    unsigned op = OPCODE(insn), esize = 8u << sz, s = (unsigned)sh;
    unsigned cnt = SCALAR(insn) ? 1 : 8u >> sz;
    unsigned base = SCALAR(insn) ? 0 : A64V_Q(insn) * cnt;
    bool round = op & 1, u = A64V_U(insn), sat = false;
    /* the destination half: a "2" form keeps the low 64 bits of Vd */
    if (base)
        r = a64_vget(cpu, A64V_RD(insn));
    else
        r.d[0] = r.d[1] = 0;
    uint64_t umax = ones(esize), smax = umax >> 1;
    for (unsigned i = 0; i < cnt; i++) {
        uint64_t v;
        if (!(op & 2) && !u) {
            /* SHRN/RSHRN: bits sh..sh+esize-1 of the (rounded) wide lane */
            uint64_t x = a64_lane(&n, (unsigned)sz + 1, i);
            v = round ? urshr64(x, s) : x >> s;
        } else if ((op & 2) && u) {
            /* UQSHRN/UQRSHRN */
            uint64_t x = a64_lane(&n, (unsigned)sz + 1, i);
            v = round ? urshr64(x, s) : x >> s;
            if (v > umax) {
                v = umax;
                sat = true;
            }
        } else {
            /* signed source: SQSHRN/SQRSHRN (signed result), SQSHRUN/SQRSHRUN */
            int64_t x = a64_slane(&n, (unsigned)sz + 1, i);
            int64_t t = round ? srshr64(x, s) : x >> s;
            if (u) {
                if (t < 0) {
                    t = 0;
                    sat = true;
                } else if ((uint64_t)t > umax) {
                    t = (int64_t)umax;
                    sat = true;
                }
            } else if (t > (int64_t)smax) {
                t = (int64_t)smax;
                sat = true;
            } else if (t < -(int64_t)smax - 1) {
                t = -(int64_t)smax - 1;
                sat = true;
            }
            v = (uint64_t)t;
        }
        a64_set_lane(&r, (unsigned)sz, base + i, v);
    }
    a64_vput(cpu, A64V_RD(insn), &r);
    if (sat)
        cpu->fpsr |= A64_FPSR_QC;
    return 0;
}

/* SSHLL/USHLL: sz is the narrow (source) element, sh is 0..esize-1 */
uint64_t a64_helper_shll_imm(struct cpu *cpu, uint64_t insn, uint64_t sz, uint64_t sh, uint64_t u3)
{
    (void)u3;
    a64_vreg n = a64_vget(cpu, A64V_RN(insn)), r;
    unsigned cnt = 8u >> sz, base = A64V_Q(insn) * cnt;
    bool u = A64V_U(insn);
    for (unsigned i = 0; i < cnt; i++) {
        uint64_t x = u ? a64_lane(&n, (unsigned)sz, base + i)
                       : (uint64_t)a64_slane(&n, (unsigned)sz, base + i);
        a64_set_lane(&r, (unsigned)sz + 1, i, x << sh);
    }
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}
