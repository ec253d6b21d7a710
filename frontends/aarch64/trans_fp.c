/* trans_fp.c — scalar floating point (op0 = x111, bit 30 = 0, bit 28 = 1):
 * moves, immediates, one/two/three-source arithmetic, compares, conditional
 * compare and select, conversions to and from integers and fixed point,
 * rounding to integral, precision conversions.
 *
 * Invariants:
 *  - a scalar result writes the low 64 bits of Vd (a single zero-extended)
 *    and clears bits 127:64 (fp_set); singles and doubles stay in xmm temps
 *    (F32 reads of the low half, F64 writes), so opt_state and the loop homes
 *    keep them in host registers;
 *  - arithmetic is IR float ops marked IR_FP_ARM with a64_fp_hook as the
 *    software twin: the inline SSE result is Arm's except in the cases the
 *    backend sends to the twin (NaN results, FPCR.FZ, tininess), so FPCR's
 *    RMode (IR_RM_DYN, mirrored in MXCSR by helpers.c), FZ and DN hold;
 *  - sign operations (FABS, FNEG, FNMUL's negation) and moves never look at
 *    the value: no flags, NaN payloads kept;
 *  - half-precision arithmetic (FEAT_FP16) is not implemented: every ftype 11
 *    form except FCVT declines (SIGILL), as do ftype 10 forms other than
 *    FMOV Xd <-> Vn.D[1].
 *
 * Where x86 SSE and Arm differ, and what handles it:
 *  - NaN propagation (x86 takes the first operand's NaN even when the second
 *    is signalling; its FMA picks differently; FPCR.DN): any NaN result goes
 *    to the twin, which applies Arm's order (addend first for FMADD & co.,
 *    negations before the NaN rules) and DN;
 *  - FMA inf*0 with a quiet-NaN addend: Arm raises IOC, x86 does not (NaN
 *    result: the twin adds it);
 *  - tininess: Arm detects it before rounding, x86 after: only a result that
 *    rounds up to the smallest normal differs, and only products, quotients,
 *    FMAs and double->single narrowing can produce one inexactly (sums are
 *    exact when tiny); those results go to the twin, which adds UFC;
 *  - FPCR.FZ: MXCSR's DAZ/FTZ would raise inexact on a flush and no IDC, so
 *    they stay off; under FZ each op first checks its operands' exponents
 *    (x86_fp.c: arm_fz_checks): a denormal operand or a possibly tiny result
 *    goes to the twin (flush, IDC, UFC without IXC), everything else is the
 *    plain host op, whose flags are then Arm's;
 *  - conversions to integers: x86 gives INT_MIN for NaN and overflow; the
 *    inline code turns NaN into 0 and positive overflow into INT_MAX (x86
 *    raises only invalid there, as Arm raises only IOC); unsigned and
 *    statically rounded ones (FCVTN/P/M/A*) are the twin's;
 *  - FMAX/FMIN: x86 returns the second operand for NaNs and equal operands;
 *    NaN operands go to the twin, equal ones combine their bits (+0 wins max);
 *  - FRINTA (ties away) has no SSE mode and goes to the twin; half precision
 *    (FCVT to/from H, AHP) is done in software (a64_helper_fcvt_h).
 */
#include "frontends/aarch64/fp_internal.h"

#define B (s->b)

/* ---- register access ---- */

/* ftype field (bits 23:22): 0 single, 1 double; others declined by callers */
static enum ir_type ftype(uint32_t insn)
{
    return a64_bits(insn, 22, 2) == 1 ? IR_F64 : IR_F32;
}
static bool ftype_sd(uint32_t insn)
{
    return a64_bits(insn, 22, 2) <= 1;
}

static ir_ref fp_get(struct a64_ctx *s, enum ir_type ty, int r)
{
    return gen_get(B, ty, CPU_VREG(r, 0));
}

/* write a scalar result: the low 64 bits (a single zero-extended), bits
 * 127:64 cleared */
static void fp_set(struct a64_ctx *s, enum ir_type ty, int r, ir_ref v)
{
    if (ty == IR_F32)
        v = gen_bitcast(B, IR_F64, v);
    gen_set(B, IR_F64, CPU_VREG(r, 0), v);
    gen_set(B, IR_I64, CPU_VREG(r, 1), gen_const(B, 0));
}

/* raw bits of a scalar register, zero-extended */
static ir_ref fp_get_bits(struct a64_ctx *s, enum ir_type ty, int r)
{
    return gen_get(B, ty == IR_F64 ? IR_I64 : IR_I32, CPU_VREG(r, 0));
}
static void fp_set_bits(struct a64_ctx *s, int r, ir_ref v)
{
    gen_set(B, IR_I64, CPU_VREG(r, 0), v);
    gen_set(B, IR_I64, CPU_VREG(r, 1), gen_const(B, 0));
}

static ir_ref arm(struct a64_ctx *s, ir_ref r)
{
    return gen_fp_arm(B, r, a64_fp_hook);
}

/* ---- data processing, 1 source ---- */

static bool trans_fp_1src(struct a64_ctx *s, uint32_t insn)
{
    unsigned op = a64_bits(insn, 15, 6);
    int rd = A64_RD(insn), rn = A64_RN(insn);
    if (op >= 4 && op <= 7) { /* FCVT: ftype is the source, op<1:0> the destination */
        unsigned from = a64_bits(insn, 22, 2), to = op & 3;
        if (from == to || from == 2 || to == 2)
            return false;
        if (from == 3 || to == 3) {
            gen_call(B, (void *)a64_helper_fcvt_h, IR_CALL_RW_VEC, 1, gen_const(B, insn), 0, 0, 0);
            return true;
        }
        enum ir_type tt = to == 1 ? IR_F64 : IR_F32;
        ir_ref v = fp_get(s, from == 1 ? IR_F64 : IR_F32, rn);
        fp_set(s, tt, rd, arm(s, gen_fcvt_ff(B, tt, v, IR_RM_DYN, 0)));
        return true;
    }
    if (!ftype_sd(insn))
        return false;
    enum ir_type ty = ftype(insn);
    /* FRINT{N,P,M,Z,A,-,X,I}: op 8..15 */
    static const int8_t frint_rm[8] = {IR_RM_RNE, IR_RM_RUP, IR_RM_RDN, IR_RM_RTZ, IR_RM_RMM, -1,
                                       IR_RM_DYN, IR_RM_DYN};
    ir_ref r;
    switch (op) {
    case 0: /* FMOV */
        r = fp_get(s, ty, rn);
        break;
    case 1: /* FABS */
        r = gen_fsign(B, IR_fabs, ty, fp_get(s, ty, rn));
        break;
    case 2: /* FNEG */
        r = gen_fsign(B, IR_fneg, ty, fp_get(s, ty, rn));
        break;
    case 3: /* FSQRT */
        r = arm(s, gen_fsqrt(B, ty, fp_get(s, ty, rn), IR_RM_DYN, 0));
        break;
    default:
        if (op < 8 || op > 15 || frint_rm[op - 8] < 0)
            return false;
        r = arm(s, gen_fround(B, ty, fp_get(s, ty, rn), frint_rm[op - 8],
                              op == 14 ? IR_FROUND_EXACT : 0));
        break;
    }
    fp_set(s, ty, rd, r);
    return true;
}

/* ---- data processing, 2 sources ---- */

static bool trans_fp_2src(struct a64_ctx *s, uint32_t insn)
{
    unsigned op = a64_bits(insn, 12, 4);
    if (!ftype_sd(insn) || op > 8)
        return false;
    enum ir_type ty = ftype(insn);
    ir_ref a = fp_get(s, ty, A64_RN(insn)), b = fp_get(s, ty, A64_RM(insn)), r;
    switch (op) {
    case 0: r = arm(s, gen_fbin(B, IR_fmul, ty, a, b, IR_RM_DYN, 0)); break;
    case 1: r = arm(s, gen_fbin(B, IR_fdiv, ty, a, b, IR_RM_DYN, 0)); break;
    case 2: r = arm(s, gen_fbin(B, IR_fadd, ty, a, b, IR_RM_DYN, 0)); break;
    case 3: r = arm(s, gen_fbin(B, IR_fsub, ty, a, b, IR_RM_DYN, 0)); break;
    case 4: r = arm(s, gen_fbin(B, IR_fmax, ty, a, b, IR_RM_DYN, 0)); break;
    case 5: r = arm(s, gen_fbin(B, IR_fmin, ty, a, b, IR_RM_DYN, 0)); break;
    case 6: r = arm(s, gen_fbin(B, IR_fmax, ty, a, b, IR_RM_DYN, IR_FP_MAXNUM)); break;
    case 7: r = arm(s, gen_fbin(B, IR_fmin, ty, a, b, IR_RM_DYN, IR_FP_MAXNUM)); break;
    default: /* FNMUL: FPNeg of the product, NaNs included */
        r = gen_fsign(B, IR_fneg, ty, arm(s, gen_fbin(B, IR_fmul, ty, a, b, IR_RM_DYN, 0)));
        break;
    }
    fp_set(s, ty, A64_RD(insn), r);
    return true;
}

/* ---- data processing, 3 sources: FMADD, FMSUB, FNMADD, FNMSUB ---- */

static bool trans_fp_3src(struct a64_ctx *s, uint32_t insn)
{
    if (!ftype_sd(insn))
        return false;
    enum ir_type ty = ftype(insn);
    bool o1 = insn & (1u << 21), o0 = insn & (1u << 15);
    /* Ra + Rn*Rm, Ra - Rn*Rm, -Ra - Rn*Rm, -Ra + Rn*Rm */
    unsigned neg = (o0 != o1 ? IR_FMA_NEG_PROD : 0) | (o1 ? IR_FMA_NEG_ADD : 0);
    ir_ref r = arm(s, gen_fma(B, ty, fp_get(s, ty, A64_RN(insn)), fp_get(s, ty, A64_RM(insn)),
                              fp_get(s, ty, A64_RA(insn)), IR_RM_DYN, neg));
    fp_set(s, ty, A64_RD(insn), r);
    return true;
}

/* ---- compares ---- */

static bool trans_fcmp(struct a64_ctx *s, uint32_t insn)
{
    if (!ftype_sd(insn))
        return false;
    enum ir_type ty = ftype(insn);
    bool with_zero = insn & (1u << 3), signal = insn & (1u << 4);
    ir_ref a = fp_get(s, ty, A64_RN(insn));
    ir_ref b = with_zero ? gen_fconst(B, ty, 0) : fp_get(s, ty, A64_RM(insn));
    ir_ref nzcv = arm(s, gen_fcmp(B, ty, signal ? IR_FNZCV_S : IR_FNZCV, a, b));
    a64_flags_from_nzcv(s, nzcv);
    return true;
}

/* FCCMP/FCCMPE: the compare runs only when cond holds (so a false condition
 * raises nothing): otherwise it compares +0 with +0 and its NZCV is replaced
 * by the immediate */
static bool trans_fccmp(struct a64_ctx *s, uint32_t insn)
{
    if (!ftype_sd(insn))
        return false;
    enum ir_type ty = ftype(insn);
    bool signal = insn & (1u << 4);
    unsigned cond = a64_bits(insn, 12, 4), nzcv_imm = a64_bits(insn, 0, 4);
    struct a64_cmp c = a64_gen_cond(s, cond);
    ir_ref zero = gen_const(B, 0);
    ir_ref a = gen_select(B, c.ty, c.cond, c.a, c.b, fp_get_bits(s, ty, A64_RN(insn)), zero);
    ir_ref b = gen_select(B, c.ty, c.cond, c.a, c.b, fp_get_bits(s, ty, A64_RM(insn)), zero);
    ir_ref cmp = arm(s, gen_fcmp(B, ty, signal ? IR_FNZCV_S : IR_FNZCV, gen_bitcast(B, ty, a),
                                 gen_bitcast(B, ty, b)));
    ir_ref nzcv = gen_select(B, c.ty, c.cond, c.a, c.b, cmp, gen_const(B, (int64_t)nzcv_imm << 28));
    a64_flags_from_nzcv(s, nzcv);
    return true;
}

static bool trans_fcsel(struct a64_ctx *s, uint32_t insn)
{
    if (!ftype_sd(insn))
        return false;
    enum ir_type ty = ftype(insn);
    ir_ref r = a64_gen_cond_select(s, a64_bits(insn, 12, 4), fp_get_bits(s, ty, A64_RN(insn)),
                                   fp_get_bits(s, ty, A64_RM(insn)));
    fp_set_bits(s, A64_RD(insn), r);
    return true;
}

/* ---- FMOV (scalar, immediate) ---- */

static bool trans_fmov_imm(struct a64_ctx *s, uint32_t insn)
{
    if (!ftype_sd(insn))
        return false;
    enum ir_type ty = ftype(insn);
    uint64_t v = fp_expand_imm(ty == IR_F64 ? FPA_D : FPA_S, a64_bits(insn, 13, 8));
    fp_set_bits(s, A64_RD(insn), gen_const(B, (int64_t)v));
    return true;
}

/* ---- conversions between floating point and integers ---- */

/* FCVT{N,P,M,Z}{S,U} rmode -> IR rounding */
static const int8_t cvt_rm[4] = {IR_RM_RNE, IR_RM_RUP, IR_RM_RDN, IR_RM_RTZ};

static void set_int(struct a64_ctx *s, bool sf, int rd, ir_ref v)
{
    /* the conversion result is zero-extended already for 32 bits */
    (void)sf;
    a64_set_x(s, rd, v);
}

static bool fp_to_int(struct a64_ctx *s, uint32_t insn, int rm, bool is_unsigned)
{
    enum ir_type ty = ftype(insn);
    bool sf = A64_SF(insn);
    int kind = sf ? (is_unsigned ? IR_CVT_U64 : IR_CVT_S64) : (is_unsigned ? IR_CVT_U32 : IR_CVT_S32);
    ir_ref r = arm(s, gen_fcvt_fi(B, ty, kind, fp_get(s, ty, A64_RN(insn)), rm));
    set_int(s, sf, A64_RD(insn), r);
    return true;
}

static bool int_to_fp(struct a64_ctx *s, uint32_t insn, bool is_unsigned, int fbits)
{
    enum ir_type ty = ftype(insn);
    bool sf = A64_SF(insn);
    int kind = sf ? (is_unsigned ? IR_CVT_U64 : IR_CVT_S64) : (is_unsigned ? IR_CVT_U32 : IR_CVT_S32);
    ir_ref r = gen_fcvt_if(B, ty, kind, a64_get_x(s, A64_RN(insn)), IR_RM_DYN);
    if (fbits) {
        /* x / 2^fbits: the one rounding is the conversion's, the scaling is
         * exact (|result| >= 2^-64, a normal number) */
        uint64_t scale = ty == IR_F64 ? (uint64_t)(1023 - fbits) << 52 : (uint64_t)(127 - fbits) << 23;
        r = gen_fbin(B, IR_fmul, ty, r, gen_fconst(B, ty, scale), IR_RM_DYN, 0);
    }
    fp_set(s, ty, A64_RD(insn), r);
    return true;
}

static bool trans_fp_int(struct a64_ctx *s, uint32_t insn)
{
    unsigned type = a64_bits(insn, 22, 2), rmode = a64_bits(insn, 19, 2), op = a64_bits(insn, 16, 3);
    bool sf = A64_SF(insn);
    int rd = A64_RD(insn), rn = A64_RN(insn);
    if (insn & (1u << 29))
        return false;
    if (op >= 6) { /* FMOV (general) */
        bool to_fp = op == 7;
        if (rmode == 1) { /* Xd <-> Vn.D[1] */
            if (!sf || type != 2)
                return false;
            if (to_fp)
                a64_set_vhi(s, rd, a64_get_x(s, rn));
            else
                a64_set_x(s, rd, a64_get_vhi(s, rn));
            return true;
        }
        if (rmode != 0 || (sf ? type != 1 : type != 0))
            return false;
        if (to_fp)
            fp_set_bits(s, rd, sf ? a64_get_x(s, rn)
                                  : gen_unop(B, IR_zext32, IR_I64, a64_get_x(s, rn)));
        else
            a64_set_x(s, rd, fp_get_bits(s, sf ? IR_F64 : IR_F32, rn));
        return true;
    }
    if (type >= 2)
        return false;
    switch (op) {
    case 0: case 1: /* FCVT{N,P,M,Z}{S,U} */
        return fp_to_int(s, insn, cvt_rm[rmode], op == 1);
    case 2: case 3: /* SCVTF, UCVTF */
        if (rmode)
            return false;
        return int_to_fp(s, insn, op == 3, 0);
    default: /* 4, 5: FCVTAS, FCVTAU */
        if (rmode)
            return false;
        return fp_to_int(s, insn, IR_RM_RMM, op == 5);
    }
}

/* conversions with fixed point: fbits = 64 - scale */
static bool trans_fp_fixed(struct a64_ctx *s, uint32_t insn)
{
    unsigned type = a64_bits(insn, 22, 2), rmode = a64_bits(insn, 19, 2), op = a64_bits(insn, 16, 3);
    unsigned scale = a64_bits(insn, 10, 6);
    bool sf = A64_SF(insn);
    if ((insn & (1u << 29)) || type >= 2 || (!sf && scale < 32))
        return false;
    int fbits = 64 - (int)scale;
    if (rmode == 0 && (op == 2 || op == 3))
        return int_to_fp(s, insn, op == 3, fbits);
    if (rmode != 3 || op > 1)
        return false;
    uint64_t desc = (uint64_t)(type == 1 ? FPA_D : FPA_S) | (uint64_t)fbits << 4 |
                    (uint64_t)(op == 1) << 12 | (uint64_t)(sf ? 64 : 32) << 16;
    ir_ref r = gen_call(B, (void *)a64_helper_fp_to_fixed, IR_CALL_RW_VEC, 2,
                        fp_get_bits(s, type == 1 ? IR_F64 : IR_F32, A64_RN(insn)),
                        gen_const(B, (int64_t)desc), 0, 0);
    a64_set_x(s, A64_RD(insn), r);
    return true;
}

/* Columns: mask, match, features, name, trans. M (bit 31) and S (bit 29) are
 * zero in every row but the conversions, where bit 31 is sf. */
const struct a64_pattern a64_fp_patterns[] = {
    { 0x7f200000, 0x1e000000, A64_F_FP, "fp<->fixed",   trans_fp_fixed },
    { 0x7f20fc00, 0x1e200000, A64_F_FP, "fp<->int",     trans_fp_int },
    { 0xff207c00, 0x1e204000, A64_F_FP, "fp 1-source",  trans_fp_1src },
    { 0xff20fc07, 0x1e202000, A64_F_FP, "fcmp",         trans_fcmp },
    { 0xff201fe0, 0x1e201000, A64_F_FP, "fmov imm",     trans_fmov_imm },
    { 0xff200c00, 0x1e200400, A64_F_FP, "fccmp",        trans_fccmp },
    { 0xff200c00, 0x1e200800, A64_F_FP, "fp 2-source",  trans_fp_2src },
    { 0xff200c00, 0x1e200c00, A64_F_FP, "fcsel",        trans_fcsel },
    { 0xff000000, 0x1f000000, A64_F_FP, "fp 3-source",  trans_fp_3src },
    { 0, 0, 0, NULL, NULL },
};
