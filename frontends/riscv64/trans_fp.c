/* trans_fp.c — trans_* handlers for the F and D extensions.
 *
 * Invariants:
 *  - f registers are 64-bit; a single is read through unbox32 (an improperly
 *    boxed value reads as the canonical NaN) and written NaN-boxed;
 *  - arithmetic results ask the IR for the canonical NaN (IR_FP_CANON_NAN),
 *    as RISC-V never propagates NaN payloads;
 *  - the rm field goes to the IR unchanged (RISC-V and IR_RM_* share the
 *    encoding, 7 = dynamic); the reserved values 5 and 6 are refused before
 *    any IR is built (=> SIGILL);
 *  - sign injection and moves are integer operations on the bit patterns, so
 *    they never raise flags or touch NaN payloads; fmin/fmax/fclass are C
 *    helpers (helpers.c).
 */
#include "frontends/riscv64/rv_internal.h"

#define B (s->b)

static bool rm_ok(const struct rv_insn *a)
{
    return a->rm != 5 && a->rm != 6;
}

static ir_ref gen_getf(struct rv_ctx *s, enum ir_type ty, int r)
{
    return ty == IR_F32 ? gen_get_fs(s, r) : gen_get_fd(s, r);
}

static void gen_setf(struct rv_ctx *s, enum ir_type ty, int r, ir_ref v)
{
    if (ty == IR_F32)
        gen_set_fs(s, r, v);
    else
        gen_set_fd(s, r, v);
}

/* raw bits of an operand: unboxed for singles */
static ir_ref gen_getf_bits(struct rv_ctx *s, enum ir_type ty, int r)
{
    ir_ref v = gen_get_fbits(s, r);
    return ty == IR_F32 ? gen_unbox32(B, v) : v;
}

static bool gen_farith(struct rv_ctx *s, const struct rv_insn *a, enum ir_opc opc, enum ir_type ty)
{
    if (!rm_ok(a))
        return false;
    ir_ref r = gen_fbin(B, opc, ty, gen_getf(s, ty, a->rs1), gen_getf(s, ty, a->rs2), a->rm,
                        IR_FP_CANON_NAN);
    gen_setf(s, ty, a->rd, r);
    return true;
}

static bool gen_ffma(struct rv_ctx *s, const struct rv_insn *a, enum ir_type ty, unsigned neg)
{
    if (!rm_ok(a))
        return false;
    ir_ref r = gen_fma(B, ty, gen_getf(s, ty, a->rs1), gen_getf(s, ty, a->rs2),
                       gen_getf(s, ty, a->rs3), a->rm, IR_FP_CANON_NAN | neg);
    gen_setf(s, ty, a->rd, r);
    return true;
}

static bool gen_fsqrt_op(struct rv_ctx *s, const struct rv_insn *a, enum ir_type ty)
{
    if (!rm_ok(a))
        return false;
    gen_setf(s, ty, a->rd, gen_fsqrt(B, ty, gen_getf(s, ty, a->rs1), a->rm, IR_FP_CANON_NAN));
    return true;
}

enum { SGNJ, SGNJN, SGNJX };

static bool gen_fsgnj(struct rv_ctx *s, const struct rv_insn *a, enum ir_type ty, int kind)
{
    const int64_t sign = ty == IR_F32 ? 0x80000000ll : INT64_MIN;
    ir_ref x = gen_getf_bits(s, ty, a->rs1), y = gen_getf_bits(s, ty, a->rs2), r;
    ir_ref signc = gen_const(B, sign);
    switch (kind) {
    case SGNJ:
        r = gen_or(B, IR_I64, gen_binop(B, IR_andn, IR_I64, x, signc), gen_and(B, IR_I64, y, signc));
        break;
    case SGNJN:
        r = gen_or(B, IR_I64, gen_binop(B, IR_andn, IR_I64, x, signc),
                   gen_binop(B, IR_andn, IR_I64, signc, y));
        break;
    default:
        r = gen_xor(B, IR_I64, x, gen_and(B, IR_I64, y, signc));
        break;
    }
    gen_set_fbits(s, a->rd, ty == IR_F32 ? gen_box32(s, r) : r);
    return true;
}

static bool gen_fminmax(struct rv_ctx *s, const struct rv_insn *a, enum ir_type ty, unsigned kind)
{
    if (ty == IR_F64)
        kind |= RV_FP_DOUBLE;
    /* not PURE: a signalling NaN operand raises NV in the guest's fflags */
    ir_ref r = gen_call(B, (void *)rv_helper_fminmax, IR_CALL_RW_STATE, 3,
                        gen_getf_bits(s, ty, a->rs1), gen_getf_bits(s, ty, a->rs2),
                        gen_const(B, kind), 0);
    gen_set_fbits(s, a->rd, r);
    return true;
}

static bool gen_fcompare(struct rv_ctx *s, const struct rv_insn *a, enum ir_type ty, int fcond)
{
    ir_ref r = gen_fcmp(B, ty, fcond, gen_getf(s, ty, a->rs1), gen_getf(s, ty, a->rs2));
    gen_set_x(s, a->rd, r);
    return true;
}

static bool gen_fclass_op(struct rv_ctx *s, const struct rv_insn *a, enum ir_type ty)
{
    ir_ref r = gen_call(B, (void *)rv_helper_fclass, IR_CALL_PURE, 2, gen_getf_bits(s, ty, a->rs1),
                        gen_const(B, ty == IR_F64 ? RV_FP_DOUBLE : 0), 0, 0);
    gen_set_x(s, a->rd, r);
    return true;
}

/* float -> integer; the IR op saturates as RISC-V does. 32-bit results
 * (signed or not) are sign-extended into rd. */
static bool gen_f2i(struct rv_ctx *s, const struct rv_insn *a, enum ir_type ty, int kind)
{
    if (!rm_ok(a))
        return false;
    ir_ref r = gen_fcvt_fi(B, ty, kind, gen_getf(s, ty, a->rs1), a->rm);
    if (kind == IR_CVT_S32 || kind == IR_CVT_U32)
        r = gen_unop(B, IR_sext32, IR_I64, r);
    gen_set_x(s, a->rd, r);
    return true;
}

/* integer -> float; the 32-bit kinds read the low 32 bits of rs1 */
static bool gen_i2f(struct rv_ctx *s, const struct rv_insn *a, enum ir_type ty, int kind)
{
    if (!rm_ok(a))
        return false;
    gen_setf(s, ty, a->rd, gen_fcvt_if(B, ty, kind, gen_get_x(s, a->rs1), a->rm));
    return true;
}

#define FP_TRANS(sfx, TY) \
    RV_TRANS(fadd_##sfx)   { return gen_farith(s, a, IR_fadd, TY); } \
    RV_TRANS(fsub_##sfx)   { return gen_farith(s, a, IR_fsub, TY); } \
    RV_TRANS(fmul_##sfx)   { return gen_farith(s, a, IR_fmul, TY); } \
    RV_TRANS(fdiv_##sfx)   { return gen_farith(s, a, IR_fdiv, TY); } \
    RV_TRANS(fsqrt_##sfx)  { return gen_fsqrt_op(s, a, TY); } \
    /* a*b+c, a*b-c, -(a*b)+c, -(a*b)-c */ \
    RV_TRANS(fmadd_##sfx)  { return gen_ffma(s, a, TY, 0); } \
    RV_TRANS(fmsub_##sfx)  { return gen_ffma(s, a, TY, IR_FMA_NEG_ADD); } \
    RV_TRANS(fnmsub_##sfx) { return gen_ffma(s, a, TY, IR_FMA_NEG_PROD); } \
    RV_TRANS(fnmadd_##sfx) { return gen_ffma(s, a, TY, IR_FMA_NEG_PROD | IR_FMA_NEG_ADD); } \
    RV_TRANS(fsgnj_##sfx)  { return gen_fsgnj(s, a, TY, SGNJ); } \
    RV_TRANS(fsgnjn_##sfx) { return gen_fsgnj(s, a, TY, SGNJN); } \
    RV_TRANS(fsgnjx_##sfx) { return gen_fsgnj(s, a, TY, SGNJX); } \
    RV_TRANS(fmin_##sfx)   { return gen_fminmax(s, a, TY, 0); } \
    RV_TRANS(fmax_##sfx)   { return gen_fminmax(s, a, TY, RV_FP_MAX); } \
    RV_TRANS(feq_##sfx)    { return gen_fcompare(s, a, TY, IR_FEQ); } \
    RV_TRANS(flt_##sfx)    { return gen_fcompare(s, a, TY, IR_FLT); } \
    RV_TRANS(fle_##sfx)    { return gen_fcompare(s, a, TY, IR_FLE); } \
    RV_TRANS(fclass_##sfx) { return gen_fclass_op(s, a, TY); } \
    RV_TRANS(fcvt_w_##sfx)  { return gen_f2i(s, a, TY, IR_CVT_S32); } \
    RV_TRANS(fcvt_wu_##sfx) { return gen_f2i(s, a, TY, IR_CVT_U32); } \
    RV_TRANS(fcvt_l_##sfx)  { return gen_f2i(s, a, TY, IR_CVT_S64); } \
    RV_TRANS(fcvt_lu_##sfx) { return gen_f2i(s, a, TY, IR_CVT_U64); } \
    RV_TRANS(fcvt_##sfx##_w)  { return gen_i2f(s, a, TY, IR_CVT_S32); } \
    RV_TRANS(fcvt_##sfx##_wu) { return gen_i2f(s, a, TY, IR_CVT_U32); } \
    RV_TRANS(fcvt_##sfx##_l)  { return gen_i2f(s, a, TY, IR_CVT_S64); } \
    RV_TRANS(fcvt_##sfx##_lu) { return gen_i2f(s, a, TY, IR_CVT_U64); }

FP_TRANS(s, IR_F32)
FP_TRANS(d, IR_F64)

RV_TRANS(fcvt_s_d)
{
    if (!rm_ok(a))
        return false;
    gen_set_fs(s, a->rd, gen_fcvt_ff(B, IR_F32, gen_get_fd(s, a->rs1), a->rm, IR_FP_CANON_NAN));
    return true;
}

RV_TRANS(fcvt_d_s)
{
    if (!rm_ok(a))
        return false;
    gen_set_fd(s, a->rd, gen_fcvt_ff(B, IR_F64, gen_get_fs(s, a->rs1), a->rm, IR_FP_CANON_NAN));
    return true;
}

/* moves copy bits without looking at them (fmv.x.w does not unbox) */
RV_TRANS(fmv_x_w)
{
    gen_set_x(s, a->rd, gen_unop(B, IR_sext32, IR_I64, gen_get_fbits(s, a->rs1)));
    return true;
}

RV_TRANS(fmv_w_x)
{
    gen_set_fbits(s, a->rd, gen_box32(s, gen_get_x(s, a->rs1)));
    return true;
}

RV_TRANS(fmv_x_d)
{
    gen_set_x(s, a->rd, gen_get_fbits(s, a->rs1));
    return true;
}

RV_TRANS(fmv_d_x)
{
    gen_set_fbits(s, a->rd, gen_get_x(s, a->rs1));
    return true;
}
