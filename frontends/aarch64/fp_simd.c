/* fp_simd.c — AdvSIMD floating-point helpers: every lane through fp_arm.c,
 * so results and FPSR are the architecture's bit for bit (see fp_simd.h for
 * the calling convention).
 *
 * Invariants:
 *  - the whole result is built in a local register image before Vd is
 *    written, so Vd may alias any source (a64_vec.h);
 *  - a scalar form (insn bit 28) has one element and clears the rest of Vd,
 *    a vector form with Q = 0 clears bits 127:64;
 *  - lanes are processed in increasing order, which is the order the Arm ARM
 *    raises their exceptions in (only the cumulative OR is visible).
 */
#include "frontends/aarch64/fp_simd.h"

#include "frontends/aarch64/a64_vec.h"
#include "frontends/aarch64/fp_internal.h"

#define SCALAR(insn) (((insn) >> 28) & 1)
#define SZ(insn) ((unsigned)((insn) >> 22) & 1)

static int fmt_of_sz(unsigned sz) { return sz ? FPA_D : FPA_S; }
static unsigned lane_sz(int fmt) { return fmt == FPA_D ? 3 : fmt == FPA_S ? 2 : 1; }
static int esize_of(int fmt) { return 8 << lane_sz(fmt); }
static uint64_t sign_of(int fmt) { return 1ull << (esize_of(fmt) - 1); }
static uint64_t all_of(int fmt) { return fmt == FPA_D ? ~0ull : (1ull << esize_of(fmt)) - 1; }

static int nelem(uint64_t insn, int fmt)
{
    return SCALAR(insn) ? 1 : (A64V_Q(insn) ? 128 : 64) / esize_of(fmt);
}

/* write the result image: a scalar or Q = 0 form has its upper lanes zero
 * in r already (r starts zeroed), so the whole register is written */
static void put(struct cpu *cpu, uint64_t insn, const a64_vreg *r)
{
    a64_vput(cpu, A64V_RD(insn), r);
}

static uint64_t op2(struct fpa *c, int op, int fmt, uint64_t a, uint64_t b, uint64_t acc)
{
    uint64_t sign = sign_of(fmt), all = all_of(fmt);
    switch (op) {
    case FPS_ADD: return fpa_add(c, fmt, a, b);
    case FPS_SUB: return fpa_sub(c, fmt, a, b);
    case FPS_MUL: return fpa_mul(c, fmt, a, b);
    case FPS_DIV: return fpa_div(c, fmt, a, b);
    case FPS_MAX: return fpa_max(c, fmt, a, b);
    case FPS_MIN: return fpa_min(c, fmt, a, b);
    case FPS_MAXNM: return fpa_maxnum(c, fmt, a, b);
    case FPS_MINNM: return fpa_minnum(c, fmt, a, b);
    case FPS_MULX: return fpa_mulx(c, fmt, a, b);
    case FPS_ABD: return fpa_abd(c, fmt, a, b);
    case FPS_RECPS: return fpa_recps(c, fmt, a, b);
    case FPS_RSQRTS: return fpa_rsqrts(c, fmt, a, b);
    case FPS_CMEQ: return fpa_cmp_eq(c, fmt, a, b) ? all : 0;
    case FPS_CMGE: return fpa_cmp_ge(c, fmt, a, b) ? all : 0;
    case FPS_CMGT: return fpa_cmp_gt(c, fmt, a, b) ? all : 0;
    case FPS_ACGE: return fpa_cmp_ge(c, fmt, a & ~sign, b & ~sign) ? all : 0;
    case FPS_ACGT: return fpa_cmp_gt(c, fmt, a & ~sign, b & ~sign) ? all : 0;
    case FPS_MLA: return fpa_muladd(c, fmt, acc, a, b);
    case FPS_MLS: return fpa_muladd(c, fmt, acc, a ^ sign, b);
    default: return 0;
    }
}

uint64_t a64_helper_fps_3same(struct cpu *cpu, uint64_t insn, uint64_t op, uint64_t u2, uint64_t u3)
{
    (void)u2, (void)u3;
    int fmt = fmt_of_sz(SZ(insn)), n = nelem(insn, fmt);
    unsigned ls = lane_sz(fmt);
    bool pairwise = op & FPS_PAIRWISE;
    int o = (int)(op & 0xff);
    a64_vreg vn = a64_vget(cpu, A64V_RN(insn)), vm = a64_vget(cpu, A64V_RM(insn));
    a64_vreg vd = a64_vget(cpu, A64V_RD(insn)), r = {{0}};
    struct fpa c = fp_ctx(cpu);
    for (int i = 0; i < n; i++) {
        uint64_t a, b;
        if (pairwise) { /* adjacent pairs of the concatenation Vm:Vn */
            int j = 2 * i;
            a = j < n ? a64_lane(&vn, ls, j) : a64_lane(&vm, ls, j - n);
            b = j + 1 < n ? a64_lane(&vn, ls, j + 1) : a64_lane(&vm, ls, j + 1 - n);
        } else {
            a = a64_lane(&vn, ls, i);
            b = a64_lane(&vm, ls, i);
        }
        a64_set_lane(&r, ls, i, op2(&c, o, fmt, a, b, a64_lane(&vd, ls, i)));
    }
    fp_flags_out(cpu, &c);
    put(cpu, insn, &r);
    return 0;
}

uint64_t a64_helper_fps_elem(struct cpu *cpu, uint64_t insn, uint64_t op, uint64_t u2, uint64_t u3)
{
    (void)u2, (void)u3;
    int fmt = fmt_of_sz(SZ(insn)), n = nelem(insn, fmt);
    unsigned ls = lane_sz(fmt);
    unsigned h = (insn >> 11) & 1, l = (insn >> 21) & 1;
    unsigned index = fmt == FPA_D ? h : h << 1 | l;
    a64_vreg vn = a64_vget(cpu, A64V_RN(insn)), vm = a64_vget(cpu, A64V_RM(insn));
    a64_vreg vd = a64_vget(cpu, A64V_RD(insn)), r = {{0}};
    uint64_t b = a64_lane(&vm, ls, index);
    struct fpa c = fp_ctx(cpu);
    for (int i = 0; i < n; i++)
        a64_set_lane(&r, ls, i, op2(&c, (int)op, fmt, a64_lane(&vn, ls, i), b, a64_lane(&vd, ls, i)));
    fp_flags_out(cpu, &c);
    put(cpu, insn, &r);
    return 0;
}

static uint64_t op1(struct cpu *cpu, struct fpa *c, int op, int fmt, uint64_t a)
{
    int es = esize_of(fmt), rmode = fpa_rmode(c);
    uint64_t sign = sign_of(fmt), all = all_of(fmt);
    switch (op) {
    case FPS_ABS: return a & ~sign;
    case FPS_NEG: return a ^ sign;
    case FPS_SQRT: return fpa_sqrt(c, fmt, a);
    case FPS_RINTN: return fpa_round_int(c, fmt, a, FPA_RN, false);
    case FPS_RINTP: return fpa_round_int(c, fmt, a, FPA_RP, false);
    case FPS_RINTM: return fpa_round_int(c, fmt, a, FPA_RM, false);
    case FPS_RINTZ: return fpa_round_int(c, fmt, a, FPA_RZ, false);
    case FPS_RINTA: return fpa_round_int(c, fmt, a, FPA_RA, false);
    case FPS_RINTX: return fpa_round_int(c, fmt, a, rmode, true);
    case FPS_RINTI: return fpa_round_int(c, fmt, a, rmode, false);
    case FPS_CVTNS: return fpa_to_fixed(c, fmt, a, 0, false, es, FPA_RN);
    case FPS_CVTPS: return fpa_to_fixed(c, fmt, a, 0, false, es, FPA_RP);
    case FPS_CVTMS: return fpa_to_fixed(c, fmt, a, 0, false, es, FPA_RM);
    case FPS_CVTZS: return fpa_to_fixed(c, fmt, a, 0, false, es, FPA_RZ);
    case FPS_CVTAS: return fpa_to_fixed(c, fmt, a, 0, false, es, FPA_RA);
    case FPS_CVTNU: return fpa_to_fixed(c, fmt, a, 0, true, es, FPA_RN);
    case FPS_CVTPU: return fpa_to_fixed(c, fmt, a, 0, true, es, FPA_RP);
    case FPS_CVTMU: return fpa_to_fixed(c, fmt, a, 0, true, es, FPA_RM);
    case FPS_CVTZU: return fpa_to_fixed(c, fmt, a, 0, true, es, FPA_RZ);
    case FPS_CVTAU: return fpa_to_fixed(c, fmt, a, 0, true, es, FPA_RA);
    case FPS_SCVTF: return fpa_from_fixed(c, fmt, a, 0, false, es, rmode);
    case FPS_UCVTF: return fpa_from_fixed(c, fmt, a, 0, true, es, rmode);
    case FPS_RECPE: return fpa_recpe(c, fmt, a);
    case FPS_RSQRTE: return fpa_rsqrte(c, fmt, a);
    case FPS_RECPX: return fpa_recpx(c, fmt, a);
    case FPS_URECPE: return fpa_urecpe((uint32_t)a);
    case FPS_URSQRTE: return fpa_ursqrte((uint32_t)a);
    case FPS_CMGT0: return fpa_cmp_gt(c, fmt, a, 0) ? all : 0;
    case FPS_CMGE0: return fpa_cmp_ge(c, fmt, a, 0) ? all : 0;
    case FPS_CMEQ0: return fpa_cmp_eq(c, fmt, a, 0) ? all : 0;
    case FPS_CMLE0: return fpa_cmp_ge(c, fmt, 0, a) ? all : 0;
    case FPS_CMLT0: return fpa_cmp_gt(c, fmt, 0, a) ? all : 0;
    default: (void)cpu; return 0;
    }
}

uint64_t a64_helper_fps_2misc(struct cpu *cpu, uint64_t insn, uint64_t op, uint64_t u2, uint64_t u3)
{
    (void)u2, (void)u3;
    int fmt = fmt_of_sz(SZ(insn)), n = nelem(insn, fmt);
    unsigned ls = lane_sz(fmt);
    a64_vreg vn = a64_vget(cpu, A64V_RN(insn)), r = {{0}};
    struct fpa c = fp_ctx(cpu);
    for (int i = 0; i < n; i++)
        a64_set_lane(&r, ls, i, op1(cpu, &c, (int)op, fmt, a64_lane(&vn, ls, i)));
    fp_flags_out(cpu, &c);
    put(cpu, insn, &r);
    return 0;
}

uint64_t a64_helper_fps_cvtlen(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    unsigned sz = SZ(insn), q = A64V_Q(insn), opcode = (insn >> 12) & 31;
    bool scalar = SCALAR(insn), odd = (insn >> 29) & 1; /* U: FCVTXN */
    int wide = sz ? FPA_D : FPA_S, narrow = sz ? FPA_S : FPA_H;
    unsigned wls = lane_sz(wide), nls = lane_sz(narrow);
    a64_vreg vn = a64_vget(cpu, A64V_RN(insn)), r = {{0}};
    struct fpa c = fp_ctx(cpu);
    int n = scalar ? 1 : 64 / esize_of(narrow);
    if (opcode == 0x17) { /* FCVTL(2): the narrow lanes of Vn's low (high) half */
        for (int i = 0; i < n; i++)
            a64_set_lane(&r, wls, i, fpa_convert(&c, narrow, wide,
                                                 a64_lane(&vn, nls, (q ? n : 0) + i), FPA_RN));
    } else {              /* FCVTN(2) / FCVTXN(2): into Vd's low (high) half */
        if (q && !scalar)
            r = a64_vget(cpu, A64V_RD(insn));
        int rm = odd ? FPA_RO : fpa_rmode(&c);
        for (int i = 0; i < n; i++)
            a64_set_lane(&r, nls, (q && !scalar ? n : 0) + i,
                         fpa_convert(&c, wide, narrow, a64_lane(&vn, wls, i), rm));
    }
    fp_flags_out(cpu, &c);
    put(cpu, insn, &r);
    return 0;
}

uint64_t a64_helper_fps_reduce(struct cpu *cpu, uint64_t insn, uint64_t op, uint64_t u2, uint64_t u3)
{
    (void)u2, (void)u3;
    /* across lanes: 4S only (the translator refused the rest); scalar
     * pairwise: the two lanes of a 2S/2D */
    int fmt = SCALAR(insn) ? fmt_of_sz(SZ(insn)) : FPA_S;
    unsigned ls = lane_sz(fmt);
    a64_vreg vn = a64_vget(cpu, A64V_RN(insn)), r = {{0}};
    struct fpa c = fp_ctx(cpu);
    uint64_t v;
    if (SCALAR(insn)) {
        v = op2(&c, (int)op, fmt, a64_lane(&vn, ls, 0), a64_lane(&vn, ls, 1), 0);
    } else { /* Reduce(): halves first, lower half on the left */
        uint64_t lo = op2(&c, (int)op, FPA_S, vn.s[0], vn.s[1], 0);
        uint64_t hi = op2(&c, (int)op, FPA_S, vn.s[2], vn.s[3], 0);
        v = op2(&c, (int)op, FPA_S, lo, hi, 0);
    }
    a64_set_lane(&r, ls, 0, v);
    fp_flags_out(cpu, &c);
    put(cpu, insn, &r);
    return 0;
}

uint64_t a64_helper_fps_fixed(struct cpu *cpu, uint64_t insn, uint64_t op, uint64_t u2, uint64_t u3)
{
    (void)u2, (void)u3;
    unsigned immhb = (insn >> 16) & 0x7f;
    int fmt = (immhb & 0x40) ? FPA_D : FPA_S, es = esize_of(fmt), n = nelem(insn, fmt);
    int fbits = 2 * es - (int)immhb;
    unsigned ls = lane_sz(fmt);
    a64_vreg vn = a64_vget(cpu, A64V_RN(insn)), r = {{0}};
    struct fpa c = fp_ctx(cpu);
    for (int i = 0; i < n; i++) {
        uint64_t a = a64_lane(&vn, ls, i), v;
        switch (op) {
        case FPS_SCVTF: v = fpa_from_fixed(&c, fmt, a, fbits, false, es, fpa_rmode(&c)); break;
        case FPS_UCVTF: v = fpa_from_fixed(&c, fmt, a, fbits, true, es, fpa_rmode(&c)); break;
        case FPS_CVTZS: v = fpa_to_fixed(&c, fmt, a, fbits, false, es, FPA_RZ); break;
        default: v = fpa_to_fixed(&c, fmt, a, fbits, true, es, FPA_RZ); break;
        }
        a64_set_lane(&r, ls, i, v);
    }
    fp_flags_out(cpu, &c);
    put(cpu, insn, &r);
    return 0;
}
