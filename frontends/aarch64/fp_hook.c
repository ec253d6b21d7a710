/* fp_hook.c — the software side of aarch64 scalar FP: the twin the backend
 * calls for IR_FP_ARM ops (FPCR.FZ set, NaN results, tininess, static-mode
 * conversions, FRINT*), and the few scalar helpers the translator calls
 * directly (fixed-point conversions, half-precision FCVT).
 *
 * Invariants: results are fp_arm.c's, bit for bit; flags go to the guest
 * through fp_flags_out only; single results are zero-extended to 64 bits.
 */
#include "frontends/aarch64/fp_internal.h"
#include "frontends/aarch64/a64_vec.h"
#include "jit/jit.h"

/* FPSR cumulative bit -> FPF_* (jit.h), one row per IEEE flag */
static const struct { uint32_t fpa, fpf; } flag_map[] = {
    /* fp_arm    FPF */
    { FPA_IOC, FPF_NV },
    { FPA_DZC, FPF_DZ },
    { FPA_OFC, FPF_OF },
    { FPA_UFC, FPF_UF },
    { FPA_IXC, FPF_NX },
};

void fp_flags_out(struct cpu *cpu, const struct fpa *c)
{
    uint32_t f = 0;
    for (unsigned i = 0; i < sizeof(flag_map) / sizeof(flag_map[0]); i++)
        if (c->flags & flag_map[i].fpa)
            f |= flag_map[i].fpf;
    cpu->fflags |= f;
    if (c->flags & FPA_IDC)
        cpu->fpsr |= A64_FPSR_IDC;
}

int fp_rm_of_ir(const struct cpu *cpu, int rm)
{
    switch (rm) {
    case IR_RM_RNE: return FPA_RN;
    case IR_RM_RTZ: return FPA_RZ;
    case IR_RM_RDN: return FPA_RM;
    case IR_RM_RUP: return FPA_RP;
    case IR_RM_RMM: return FPA_RA;
    default: return (int)(cpu->fpcr >> 22) & 3;
    }
}

static int fmt_of(int type) { return type == IR_F64 ? FPA_D : FPA_S; }
static uint64_t width_mask(int fmt) { return fmt == FPA_D ? ~0ull : 0xffffffffull; }

void a64_fp_hook(struct cpu *cpu)
{
    uint64_t d = cpu->scratch[4];
    int opc = (int)(d & 0xff), type = (int)((d >> 8) & 0xff);
    int rm = (int)((d >> 16) & 0xff), cond = (int)((d >> 24) & 0xff);
    int fmt = fmt_of(type);
    uint64_t m = width_mask(fmt);
    uint64_t a = cpu->scratch[0] & m, b = cpu->scratch[1] & m, a3 = cpu->scratch[2] & m;
    uint64_t sign = fmt == FPA_D ? 1ull << 63 : 1ull << 31;
    struct fpa c = fp_ctx(cpu);
    uint64_t r = 0;
    switch (opc) {
    case IR_fadd: r = fpa_add(&c, fmt, a, b); break;
    case IR_fsub: r = fpa_sub(&c, fmt, a, b); break;
    case IR_fmul: r = fpa_mul(&c, fmt, a, b); break;
    case IR_fdiv: r = fpa_div(&c, fmt, a, b); break;
    case IR_fsqrt: r = fpa_sqrt(&c, fmt, a); break;
    case IR_fma:
        /* arg0 * arg1 + arg2, negations on the operands before the NaN rules
         * (FMSUB/FNMADD/FNMSUB are FPMulAdd of negated operands) */
        r = fpa_muladd(&c, fmt, (cond & IR_FMA_NEG_ADD) ? a3 ^ sign : a3,
                       (cond & IR_FMA_NEG_PROD) ? a ^ sign : a, b);
        break;
    case IR_fmin:
        r = (cond & IR_FP_MAXNUM) ? fpa_minnum(&c, fmt, a, b) : fpa_min(&c, fmt, a, b);
        break;
    case IR_fmax:
        r = (cond & IR_FP_MAXNUM) ? fpa_maxnum(&c, fmt, a, b) : fpa_max(&c, fmt, a, b);
        break;
    case IR_fround:
        r = fpa_round_int(&c, fmt, a, fp_rm_of_ir(cpu, rm), (cond & IR_FROUND_EXACT) != 0);
        break;
    case IR_fcvt_ff: {
        int from = fmt == FPA_D ? FPA_S : FPA_D;
        r = fpa_convert(&c, from, fmt, cpu->scratch[0] & width_mask(from), fp_rm_of_ir(cpu, rm));
        break;
    }
    case IR_fcvt_fi: {
        int k = cond & IR_CVT_MASK;
        bool u = k == IR_CVT_U32 || k == IR_CVT_U64;
        int ibits = k == IR_CVT_S64 || k == IR_CVT_U64 ? 64 : 32;
        r = fpa_to_fixed(&c, fmt, a, 0, u, ibits, fp_rm_of_ir(cpu, rm));
        break;
    }
    case IR_fcmp:
        switch (cond & IR_FCMP_MASK) {
        case IR_FEQ: r = fpa_cmp_eq(&c, fmt, a, b); break;
        case IR_FLT: r = fpa_cmp_gt(&c, fmt, b, a); break;
        case IR_FLE: r = fpa_cmp_ge(&c, fmt, b, a); break;
        default:
            r = (uint64_t)fpa_compare(&c, fmt, a, b, (cond & IR_FCMP_MASK) == IR_FNZCV_S) << 28;
            break;
        }
        break;
    default:
        break;
    }
    fp_flags_out(cpu, &c);
    cpu->scratch[0] = r;
}

uint64_t a64_helper_fp_to_fixed(struct cpu *cpu, uint64_t a, uint64_t desc, uint64_t u2,
                                uint64_t u3)
{
    (void)u2, (void)u3;
    int fmt = (int)(desc & 3), fbits = (int)((desc >> 4) & 0xff);
    bool is_unsigned = (desc >> 12) & 1;
    int ibits = (int)((desc >> 16) & 0xff);
    struct fpa c = fp_ctx(cpu);
    uint64_t r = fpa_to_fixed(&c, fmt, a & width_mask(fmt), fbits, is_unsigned, ibits, FPA_RZ);
    fp_flags_out(cpu, &c);
    return r;
}

/* ftype / opc field (00 single, 01 double, 11 half) -> format */
static int fmt_of_field(unsigned f) { return f == 0 ? FPA_S : f == 1 ? FPA_D : FPA_H; }

uint64_t a64_helper_fcvt_h(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    int from = fmt_of_field((insn >> 22) & 3), to = fmt_of_field((insn >> 15) & 3);
    static const uint64_t mask[3] = {0xffff, 0xffffffff, ~0ull};
    a64_vreg vn = a64_vget(cpu, A64V_RN(insn)), vd = {{0}};
    struct fpa c = fp_ctx(cpu);
    vd.d[0] = fpa_convert(&c, from, to, vn.d[0] & mask[from], fpa_rmode(&c));
    fp_flags_out(cpu, &c);
    a64_vput(cpu, A64V_RD(insn), &vd);
    return 0;
}

uint64_t fp_expand_imm(int fmt, unsigned imm8)
{
    static const int ebits[3] = {5, 8, 11}, fbits[3] = {10, 23, 52}, nbits[3] = {16, 32, 64};
    int e = ebits[fmt], f = fbits[fmt];
    uint64_t sign = (imm8 >> 7) & 1, b6 = (imm8 >> 6) & 1;
    uint64_t exp = (b6 ^ 1) << (e - 1) | (b6 ? ((1ull << (e - 3)) - 1) << 2 : 0) | ((imm8 >> 4) & 3);
    return sign << (nbits[fmt] - 1) | exp << f | (uint64_t)(imm8 & 15) << (f - 4);
}
