/* trans_simdfp.c — AdvSIMD floating point (vector and scalar-SIMD forms):
 * three-same FP (incl. pairwise), two-register misc FP (incl. FCVTL/FCVTN/
 * FCVTXN and the estimates), across lanes, scalar pairwise, by element, and
 * the fixed-point conversions of the shift-by-immediate group.
 *
 * The common arithmetic (FADD FSUB FMUL FDIV FMAX/FMIN(NM) FABD FMLA FMLS,
 * by element too, pairwise forms, FABS FNEG FSQRT FRINT* FCVTZS/U SCVTF UCVTF, FCVTL
 * and FCVTN of singles) and the compares are one IR_FP_ARM scalar op per
 * lane, like scalar FP
 * (trans_fp.c): inline SSE whose rare cases go to the exact twin. Everything
 * else is one call of a helper in fp_simd.c (IR_CALL_RW_VEC) with the insn
 * word and the decoded operation, computing each lane with fp_arm.c. Either
 * way FPCR (RMode, FZ, DN, AHP) and FPSR are the architecture's.
 *
 * Invariants: the rows' masks cover only FP opcodes (the integer AdvSIMD
 * tables come later and see everything these decline); a handler declines
 * (returns false, nothing built) every unallocated, reserved (2D with Q = 0,
 * ...) or FP16/FHM/FCMA/FRINTTS encoding, so those SIGILL.
 */
#include "frontends/aarch64/fp_internal.h"
#include "frontends/aarch64/fp_simd.h"

#define B (s->b)
#define NO (-1)

static unsigned f_u(uint32_t insn) { return a64_bits(insn, 29, 1); }
static unsigned f_a(uint32_t insn) { return a64_bits(insn, 23, 1); }
static unsigned f_sz(uint32_t insn) { return a64_bits(insn, 22, 1); }
static unsigned f_q(uint32_t insn) { return a64_bits(insn, 30, 1); }
static bool f_scalar(uint32_t insn) { return a64_bits(insn, 28, 1); }

static bool call(struct a64_ctx *s, void *fn, uint32_t insn, int op)
{
    gen_call(B, fn, IR_CALL_RW_VEC, 2, gen_const(B, insn), gen_const(B, op), 0, 0);
    return true;
}

/* ---- inline lanes: the common arithmetic as one IR_FP_ARM scalar op per
 * lane (the backend's inline SSE with the exact twin), so vectorised loops
 * keep their lanes in host registers; the rest goes to fp_simd.c ---- */

/* lane i of V[r]: doubles are the 64-bit halves; singles the low / high 32
 * bits of a half */
static ir_ref lane_get(struct a64_ctx *s, bool dbl, int r, int i)
{
    if (dbl)
        return gen_get(B, IR_F64, CPU_VREG(r, i));
    if (!(i & 1))
        return gen_get(B, IR_F32, CPU_VREG(r, i >> 1));
    ir_ref half = gen_get(B, IR_I64, CPU_VREG(r, i >> 1));
    return gen_bitcast(B, IR_F32, gen_binop(B, IR_shr, IR_I64, half, gen_const(B, 32)));
}

/* V[r] = the n lanes in v, the rest of the 128 bits zero */
static void lanes_set(struct a64_ctx *s, bool dbl, int r, const ir_ref *v, int n)
{
    ir_ref zero = gen_const(B, 0);
    if (dbl) {
        gen_set(B, IR_F64, CPU_VREG(r, 0), v[0]);
        if (n > 1)
            gen_set(B, IR_F64, CPU_VREG(r, 1), v[1]);
        else
            gen_set(B, IR_I64, CPU_VREG(r, 1), zero);
        return;
    }
    for (int h = 0; h < 2; h++) {
        if (2 * h >= n) {
            gen_set(B, IR_I64, CPU_VREG(r, h), zero);
        } else if (2 * h + 1 >= n) {
            gen_set(B, IR_F64, CPU_VREG(r, h), gen_bitcast(B, IR_F64, v[2 * h]));
        } else {
            ir_ref lo = gen_bitcast(B, IR_I64, v[2 * h]), hi = gen_bitcast(B, IR_I64, v[2 * h + 1]);
            gen_set(B, IR_I64, CPU_VREG(r, h),
                    gen_or(B, IR_I64, lo, gen_binop(B, IR_shl, IR_I64, hi, gen_const(B, 32))));
        }
    }
}

/* integer lanes: the 64-bit halves, or a half whose low 32 bits are the lane
 * (32-bit conversions read only those) */
static ir_ref lane_get_int(struct a64_ctx *s, bool dbl, int r, int i)
{
    ir_ref half = gen_get(B, IR_I64, CPU_VREG(r, dbl ? i : i >> 1));
    return dbl || !(i & 1) ? half : gen_binop(B, IR_shr, IR_I64, half, gen_const(B, 32));
}

/* lanes_set for integer lanes (32-bit ones zero-extended) */
static void lanes_set_int(struct a64_ctx *s, bool dbl, int r, const ir_ref *v, int n)
{
    ir_ref zero = gen_const(B, 0);
    for (int h = 0; h < 2; h++) {
        ir_ref x = zero;
        if (dbl && h < n)
            x = v[h];
        else if (!dbl && 2 * h + 1 < n)
            x = gen_or(B, IR_I64, v[2 * h], gen_binop(B, IR_shl, IR_I64, v[2 * h + 1], gen_const(B, 32)));
        else if (!dbl && 2 * h < n)
            x = v[2 * h];
        gen_set(B, IR_I64, CPU_VREG(r, h), x);
    }
}

static int nlanes(uint32_t insn)
{
    return f_scalar(insn) ? 1 : (f_q(insn) ? 4 : 2) >> f_sz(insn);
}

static ir_ref arm(struct a64_ctx *s, ir_ref r)
{
    return gen_fp_arm(B, r, a64_fp_hook);
}

/* one lane of an inline two-operand op; acc is Vd's lane (FMLA/FMLS) */
static ir_ref inline_op2(struct a64_ctx *s, int op, bool dbl, ir_ref a, ir_ref b, ir_ref acc)
{
    enum ir_type ty = dbl ? IR_F64 : IR_F32;
    switch (op) {
    case FPS_ADD: return arm(s, gen_fbin(B, IR_fadd, ty, a, b, IR_RM_DYN, 0));
    case FPS_SUB: return arm(s, gen_fbin(B, IR_fsub, ty, a, b, IR_RM_DYN, 0));
    case FPS_MUL: return arm(s, gen_fbin(B, IR_fmul, ty, a, b, IR_RM_DYN, 0));
    case FPS_DIV: return arm(s, gen_fbin(B, IR_fdiv, ty, a, b, IR_RM_DYN, 0));
    case FPS_MAX: return arm(s, gen_fbin(B, IR_fmax, ty, a, b, IR_RM_DYN, 0));
    case FPS_MIN: return arm(s, gen_fbin(B, IR_fmin, ty, a, b, IR_RM_DYN, 0));
    case FPS_MAXNM: return arm(s, gen_fbin(B, IR_fmax, ty, a, b, IR_RM_DYN, IR_FP_MAXNUM));
    case FPS_MINNM: return arm(s, gen_fbin(B, IR_fmin, ty, a, b, IR_RM_DYN, IR_FP_MAXNUM));
    case FPS_ABD:
        return gen_fsign(B, IR_fabs, ty, arm(s, gen_fbin(B, IR_fsub, ty, a, b, IR_RM_DYN, 0)));
    case FPS_MLA: return arm(s, gen_fma(B, ty, a, b, acc, IR_RM_DYN, 0));
    default: /* FPS_MLS: Vd + (-Vn)*Vm */
        return arm(s, gen_fma(B, ty, a, b, acc, IR_RM_DYN, IR_FMA_NEG_PROD));
    }
}

static bool inline_op2_ok(int op)
{
    switch (op & 0xff) {
    case FPS_ADD: case FPS_SUB: case FPS_MUL: case FPS_DIV: case FPS_MAX: case FPS_MIN:
    case FPS_MAXNM: case FPS_MINNM: case FPS_ABD: case FPS_MLA: case FPS_MLS:
        return true;
    default:
        return false;
    }
}

/* compares: all ones when the relation holds. FCMGE/FCMGT and the absolute
 * forms are signalling, FCMEQ quiet, as IR_FLE/IR_FLT and IR_FEQ are */
enum cmp_kind { K_NONE, K_EQ, K_GE, K_GT, K_AGE, K_AGT, K_EQ0, K_GE0, K_GT0, K_LE0, K_LT0 };

static enum cmp_kind cmp_of_3same(int op)
{
    switch (op) {
    case FPS_CMEQ: return K_EQ;
    case FPS_CMGE: return K_GE;
    case FPS_CMGT: return K_GT;
    case FPS_ACGE: return K_AGE;
    case FPS_ACGT: return K_AGT;
    default: return K_NONE;
    }
}

static enum cmp_kind cmp_of_2misc(int op)
{
    switch (op) {
    case FPS_CMEQ0: return K_EQ0;
    case FPS_CMGE0: return K_GE0;
    case FPS_CMGT0: return K_GT0;
    case FPS_CMLE0: return K_LE0;
    case FPS_CMLT0: return K_LT0;
    default: return K_NONE;
    }
}

static ir_ref inline_cmp(struct a64_ctx *s, enum cmp_kind k, bool dbl, ir_ref a, ir_ref b)
{
    enum ir_type ty = dbl ? IR_F64 : IR_F32;
    ir_ref zero = gen_fconst(B, ty, 0);
    int c;
    ir_ref x = a, y = b;
    switch (k) {
    case K_EQ: c = IR_FEQ; break;
    case K_GE: c = IR_FLE, x = b, y = a; break;          /* b <= a */
    case K_GT: c = IR_FLT, x = b, y = a; break;          /* b < a */
    case K_AGE: c = IR_FLE, x = gen_fsign(B, IR_fabs, ty, b), y = gen_fsign(B, IR_fabs, ty, a); break;
    case K_AGT: c = IR_FLT, x = gen_fsign(B, IR_fabs, ty, b), y = gen_fsign(B, IR_fabs, ty, a); break;
    case K_EQ0: c = IR_FEQ, y = zero; break;
    case K_GE0: c = IR_FLE, x = zero, y = a; break;      /* 0 <= a */
    case K_GT0: c = IR_FLT, x = zero, y = a; break;      /* 0 < a */
    case K_LE0: c = IR_FLE, y = zero; break;             /* a <= 0 */
    default: c = IR_FLT, y = zero; break;                /* K_LT0: a < 0 */
    }
    ir_ref r = arm(s, gen_fcmp(B, ty, c, x, y));
    return gen_unop(B, IR_neg, dbl ? IR_I64 : IR_I32, r); /* 1 -> all ones */
}

static bool inline_cmp_lanes(struct a64_ctx *s, uint32_t insn, enum cmp_kind k, bool two)
{
    bool dbl = f_sz(insn);
    int n = nlanes(insn), rn = A64_RN(insn), rm = A64_RM(insn);
    ir_ref a[4], b[4] = {0}, r[4];
    for (int i = 0; i < n; i++) {
        a[i] = lane_get(s, dbl, rn, i);
        if (two)
            b[i] = lane_get(s, dbl, rm, i);
    }
    for (int i = 0; i < n; i++)
        r[i] = inline_cmp(s, k, dbl, a[i], b[i]);
    lanes_set_int(s, dbl, A64_RD(insn), r, n);
    return true;
}

/* two-register misc done inline: the sign ops, FSQRT, FRINT* but FRINTA,
 * FCVTZS, FCVTZU, SCVTF, UCVTF */
static bool inline_vec1(struct a64_ctx *s, uint32_t insn, int op)
{
    bool dbl = f_sz(insn);
    enum ir_type ty = dbl ? IR_F64 : IR_F32;
    int n = nlanes(insn), rn = A64_RN(insn), rd = A64_RD(insn);
    ir_ref a[4], r[4];
    bool from_int = op == FPS_SCVTF || op == FPS_UCVTF, to_int = op == FPS_CVTZS || op == FPS_CVTZU;
    for (int i = 0; i < n; i++)
        a[i] = from_int ? lane_get_int(s, dbl, rn, i) : lane_get(s, dbl, rn, i);
    for (int i = 0; i < n; i++) {
        switch (op) {
        case FPS_ABS: r[i] = gen_fsign(B, IR_fabs, ty, a[i]); break;
        case FPS_NEG: r[i] = gen_fsign(B, IR_fneg, ty, a[i]); break;
        case FPS_SQRT: r[i] = arm(s, gen_fsqrt(B, ty, a[i], IR_RM_DYN, 0)); break;
        case FPS_RINTN: case FPS_RINTP: case FPS_RINTM: case FPS_RINTZ: case FPS_RINTX:
        case FPS_RINTI: {
            static const int8_t rm[] = {[FPS_RINTN] = IR_RM_RNE, [FPS_RINTP] = IR_RM_RUP,
                                        [FPS_RINTM] = IR_RM_RDN, [FPS_RINTZ] = IR_RM_RTZ,
                                        [FPS_RINTX] = IR_RM_DYN, [FPS_RINTI] = IR_RM_DYN};
            r[i] = arm(s, gen_fround(B, ty, a[i], rm[op], op == FPS_RINTX ? IR_FROUND_EXACT : 0));
            break;
        }
        case FPS_CVTZS: case FPS_CVTZU: {
            int k = op == FPS_CVTZS ? (dbl ? IR_CVT_S64 : IR_CVT_S32) : (dbl ? IR_CVT_U64 : IR_CVT_U32);
            r[i] = arm(s, gen_fcvt_fi(B, ty, k, a[i], IR_RM_RTZ));
            break;
        }
        default: {
            int k = op == FPS_SCVTF ? (dbl ? IR_CVT_S64 : IR_CVT_S32) : (dbl ? IR_CVT_U64 : IR_CVT_U32);
            r[i] = gen_fcvt_if(B, ty, k, a[i], IR_RM_DYN);
            break;
        }
        }
    }
    if (to_int)
        lanes_set_int(s, dbl, rd, r, n);
    else
        lanes_set(s, dbl, rd, r, n);
    return true;
}

static bool inline_op1_ok(int op)
{
    switch (op) {
    case FPS_ABS: case FPS_NEG: case FPS_SQRT: case FPS_CVTZS: case FPS_CVTZU: case FPS_SCVTF:
    case FPS_UCVTF:
    case FPS_RINTN: case FPS_RINTP: case FPS_RINTM: case FPS_RINTZ: case FPS_RINTX: case FPS_RINTI:
        return true;
    default:
        return false;
    }
}

/* FCVTL(2) from singles, FCVTN(2) to singles */
static bool inline_cvtlen(struct a64_ctx *s, uint32_t insn)
{
    bool q = f_q(insn), widen = a64_bits(insn, 12, 5) == 0x17;
    int rn = A64_RN(insn), rd = A64_RD(insn);
    ir_ref r[4];
    if (widen) {
        for (int i = 0; i < 2; i++)
            r[i] = arm(s, gen_fcvt_ff(B, IR_F64, lane_get(s, false, rn, (q ? 2 : 0) + i), IR_RM_DYN, 0));
        lanes_set(s, true, rd, r, 2);
        return true;
    }
    ir_ref keep = q ? lane_get(s, false, rd, 0) : 0, keep1 = q ? lane_get(s, false, rd, 1) : 0;
    ir_ref n0 = arm(s, gen_fcvt_ff(B, IR_F32, lane_get(s, true, rn, 0), IR_RM_DYN, 0));
    ir_ref n1 = arm(s, gen_fcvt_ff(B, IR_F32, lane_get(s, true, rn, 1), IR_RM_DYN, 0));
    if (q) {
        r[0] = keep, r[1] = keep1, r[2] = n0, r[3] = n1;
        lanes_set(s, false, rd, r, 4);
    } else {
        r[0] = n0, r[1] = n1;
        lanes_set(s, false, rd, r, 2);
    }
    return true;
}

/* three-same (pairwise too) or by element (elem >= 0: Vm's lane elem) */
static bool inline_vec2(struct a64_ctx *s, uint32_t insn, int op, int elem)
{
    bool dbl = f_sz(insn), pairwise = op & FPS_PAIRWISE;
    int n = nlanes(insn), rn = A64_RN(insn), rm = A64_RM(insn), rd = A64_RD(insn);
    ir_ref a[4], b[4], acc[4] = {0}, r[4];
    ir_ref bel = elem >= 0 ? lane_get(s, dbl, rm, elem) : 0;
    for (int i = 0; i < n; i++) {
        if (pairwise) { /* adjacent pairs of Vm:Vn */
            int j = 2 * i;
            a[i] = j < n ? lane_get(s, dbl, rn, j) : lane_get(s, dbl, rm, j - n);
            b[i] = j + 1 < n ? lane_get(s, dbl, rn, j + 1) : lane_get(s, dbl, rm, j + 1 - n);
        } else {
            a[i] = lane_get(s, dbl, rn, i);
            b[i] = elem >= 0 ? bel : lane_get(s, dbl, rm, i);
        }
        if ((op & 0xff) == FPS_MLA || (op & 0xff) == FPS_MLS)
            acc[i] = lane_get(s, dbl, rd, i);
    }
    for (int i = 0; i < n; i++)
        r[i] = inline_op2(s, op & 0xff, dbl, a[i], b[i], acc[i]);
    lanes_set(s, dbl, rd, r, n);
    return true;
}

/* ---- three same: opcode 11xxx ---- */

#define PW FPS_PAIRWISE
/* [U][a][opcode & 7] */
static const int16_t fp3same_ops[2][2][8] = {
    { { FPS_MAXNM, FPS_MLA, FPS_ADD, FPS_MULX, FPS_CMEQ, NO /* FMLAL */, FPS_MAX, FPS_RECPS },
      { FPS_MINNM, FPS_MLS, FPS_SUB, NO, NO, NO /* FMLSL */, FPS_MIN, FPS_RSQRTS } },
    { { FPS_MAXNM | PW, NO /* FMLAL2 */, FPS_ADD | PW, FPS_MUL, FPS_CMGE, FPS_ACGE, FPS_MAX | PW,
        FPS_DIV },
      { FPS_MINNM | PW, NO, FPS_ABD, NO, FPS_CMGT, FPS_ACGT, FPS_MIN | PW, NO } },
};

static bool scalar_3same_ok(int op)
{
    switch (op) {
    case FPS_MULX: case FPS_CMEQ: case FPS_RECPS: case FPS_RSQRTS: case FPS_ABD:
    case FPS_CMGE: case FPS_CMGT: case FPS_ACGE: case FPS_ACGT:
        return true;
    default:
        return false;
    }
}

static bool trans_fp3same(struct a64_ctx *s, uint32_t insn)
{
    int op = fp3same_ops[f_u(insn)][f_a(insn)][a64_bits(insn, 11, 3)];
    if (op == NO)
        return false;
    if (f_scalar(insn) ? !scalar_3same_ok(op) : (f_sz(insn) && !f_q(insn)))
        return false;
    if (inline_op2_ok(op))
        return inline_vec2(s, insn, op, -1);
    if (cmp_of_3same(op) != K_NONE)
        return inline_cmp_lanes(s, insn, cmp_of_3same(op), true);
    return call(s, (void *)a64_helper_fps_3same, insn, op);
}

/* ---- two-register misc: opcodes 011xx (a = 1), 1011x, 11xxx ---- */

#define CVTLEN 0x200  /* FCVTL/FCVTN/FCVTXN: a64_helper_fps_cvtlen */
#define VEC 0x400     /* vector form only */
#define SCL 0x800     /* scalar form only */
/* [U][a][opcode - 0x10]: opcodes 10000..11111 */
static const int16_t fp2misc_hi[2][2][16] = {
    { { NO, NO, NO, NO, NO, NO, CVTLEN /* FCVTN */, CVTLEN | VEC /* FCVTL */,
        FPS_RINTN | VEC, FPS_RINTM | VEC, FPS_CVTNS, FPS_CVTMS, FPS_CVTAS, FPS_SCVTF, NO, NO },
      { NO, NO, NO, NO, NO, NO, NO /* BFCVTN */, NO,
        FPS_RINTP | VEC, FPS_RINTZ | VEC, FPS_CVTPS, FPS_CVTZS, FPS_URECPE | VEC, FPS_RECPE, NO,
        FPS_RECPX | SCL } },
    { { NO, NO, NO, NO, NO, NO, CVTLEN /* FCVTXN */, NO,
        FPS_RINTA | VEC, FPS_RINTX | VEC, FPS_CVTNU, FPS_CVTMU, FPS_CVTAU, FPS_UCVTF, NO, NO },
      { NO, NO, NO, NO, NO, NO, NO, NO,
        NO, FPS_RINTI | VEC, FPS_CVTPU, FPS_CVTZU, FPS_URSQRTE | VEC, FPS_RSQRTE, NO,
        FPS_SQRT | VEC } },
};
/* [U][opcode - 0x0c], a = 1: opcodes 01100..01111 */
static const int16_t fp2misc_lo[2][4] = {
    { FPS_CMGT0, FPS_CMEQ0, FPS_CMLT0, FPS_ABS | VEC },
    { FPS_CMGE0, FPS_CMLE0, NO, FPS_NEG | VEC },
};

static bool trans_fp2misc(struct a64_ctx *s, uint32_t insn)
{
    unsigned opcode = a64_bits(insn, 12, 5), u = f_u(insn), a = f_a(insn), sz = f_sz(insn);
    bool scalar = f_scalar(insn);
    int e;
    if (opcode >= 0x10)
        e = fp2misc_hi[u][a][opcode - 0x10];
    else if (opcode >= 0x0c && a)
        e = fp2misc_lo[u][opcode - 0x0c];
    else
        e = NO;
    if (e == NO)
        return false;
    if ((scalar && (e & VEC)) || (!scalar && (e & SCL)))
        return false;
    if (e & CVTLEN) {
        if (opcode == 0x16 && u && !sz)  /* FCVTXN: from doubles only */
            return false;
        if (scalar && !(opcode == 0x16 && u))  /* the scalar form is FCVTXN's */
            return false;
        if (!scalar && !u && sz)
            return inline_cvtlen(s, insn);
        return call(s, (void *)a64_helper_fps_cvtlen, insn, 0);
    }
    int op = e & ~(VEC | SCL);
    if ((op == FPS_URECPE || op == FPS_URSQRTE) && sz)
        return false;
    if (!scalar && sz && !f_q(insn))
        return false;
    if (!scalar && inline_op1_ok(op))
        return inline_vec1(s, insn, op);
    if (cmp_of_2misc(op) != K_NONE)
        return inline_cmp_lanes(s, insn, cmp_of_2misc(op), false);
    return call(s, (void *)a64_helper_fps_2misc, insn, op);
}

/* ---- across lanes (4S only) and scalar pairwise (2S, 2D); U = 1 ---- */

/* [opcode - 0x0c][a] */
static const int16_t fpreduce_ops[4][2] = {
    { FPS_MAXNM, FPS_MINNM }, { FPS_ADD, NO }, { NO, NO }, { FPS_MAX, FPS_MIN },
};

static bool trans_fpreduce(struct a64_ctx *s, uint32_t insn)
{
    int op = fpreduce_ops[a64_bits(insn, 12, 5) - 0x0c][f_a(insn)];
    if (op == NO)
        return false;
    if (!f_scalar(insn) && (op == FPS_ADD || !f_q(insn) || f_sz(insn)))
        return false;
    return call(s, (void *)a64_helper_fps_reduce, insn, op);
}

/* ---- by element: FMLA, FMLS (U = 0), FMUL, FMULX ---- */

static bool trans_fpelem(struct a64_ctx *s, uint32_t insn)
{
    unsigned opcode = a64_bits(insn, 12, 4), sz = f_sz(insn);
    if (sz && a64_bits(insn, 21, 1))            /* L: doubles have two lanes */
        return false;
    if (!f_scalar(insn) && sz && !f_q(insn))
        return false;
    int op = opcode == 1 ? FPS_MLA : opcode == 5 ? FPS_MLS : f_u(insn) ? FPS_MULX : FPS_MUL;
    if (op != FPS_MULX) {
        unsigned h = a64_bits(insn, 11, 1), l = a64_bits(insn, 21, 1);
        return inline_vec2(s, insn, op, sz ? (int)h : (int)(h << 1 | l));
    }
    return call(s, (void *)a64_helper_fps_elem, insn, op);
}

/* ---- shift by immediate: SCVTF/UCVTF, FCVTZS/FCVTZU with fbits ---- */

static bool trans_fpfixed(struct a64_ctx *s, uint32_t insn)
{
    unsigned immh = a64_bits(insn, 19, 4);
    if (immh < 4)                               /* 0: not this group; 001x: FP16 */
        return false;
    if (!f_scalar(insn) && (immh & 8) && !f_q(insn))
        return false;
    bool to_int = a64_bits(insn, 11, 5) == 0x1f;
    int op = to_int ? (f_u(insn) ? FPS_CVTZU : FPS_CVTZS) : (f_u(insn) ? FPS_UCVTF : FPS_SCVTF);
    return call(s, (void *)a64_helper_fps_fixed, insn, op);
}

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_simdfp_patterns[] = {
    /* vector: 0 Q U 0111x ... */
    { 0x9f20c400, 0x0e20c400, A64_F_SIMD, "fp_3same",        trans_fp3same },
    { 0x9f3f8c00, 0x0e218800, A64_F_SIMD, "fp_2misc",        trans_fp2misc },
    { 0x9f3fec00, 0x0e216800, A64_F_SIMD, "fp_2misc_cvtlen", trans_fp2misc },
    { 0x9fbfcc00, 0x0ea0c800, A64_F_SIMD, "fp_2misc_cmp0",   trans_fp2misc },
    { 0xbf3fcc00, 0x2e30c800, A64_F_SIMD, "fp_across",       trans_fpreduce },
    { 0xbf80b400, 0x0f801000, A64_F_SIMD, "fp_elem_mla",     trans_fpelem },
    { 0x9f80f400, 0x0f809000, A64_F_SIMD, "fp_elem_mul",     trans_fpelem },
    { 0x9f80fc00, 0x0f00e400, A64_F_SIMD, "fp_cvtf_fixed",   trans_fpfixed },
    { 0x9f80fc00, 0x0f00fc00, A64_F_SIMD, "fp_fcvtz_fixed",  trans_fpfixed },
    /* scalar: 01 U 1111x ... */
    { 0xdf20c400, 0x5e20c400, A64_F_SIMD, "fp_s3same",       trans_fp3same },
    { 0xdf3f8c00, 0x5e218800, A64_F_SIMD, "fp_s2misc",       trans_fp2misc },
    { 0xdf3ffc00, 0x5e216800, A64_F_SIMD, "fp_s2misc_cvtxn", trans_fp2misc },
    { 0xdfbfcc00, 0x5ea0c800, A64_F_SIMD, "fp_s2misc_cmp0",  trans_fp2misc },
    { 0xff3fcc00, 0x7e30c800, A64_F_SIMD, "fp_spairwise",    trans_fpreduce },
    { 0xff80b400, 0x5f801000, A64_F_SIMD, "fp_selem_mla",    trans_fpelem },
    { 0xdf80f400, 0x5f809000, A64_F_SIMD, "fp_selem_mul",    trans_fpelem },
    { 0xdf80fc00, 0x5f00e400, A64_F_SIMD, "fp_scvtf_fixed",  trans_fpfixed },
    { 0xdf80fc00, 0x5f00fc00, A64_F_SIMD, "fp_sfcvtz_fixed", trans_fpfixed },
    { 0, 0, 0, NULL, NULL },
};
