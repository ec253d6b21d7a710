/* x86_fp.c — lowering of the IR's floating-point ops to scalar SSE.
 *
 * The common cases run inline: arithmetic, sqrt and FMA in the dynamic
 * rounding mode (MXCSR.RC mirrors the guest's mode, see fpu.c), compares,
 * signed conversions, bit moves. Results that are NaN are replaced by the
 * canonical NaN when the op asks for it (RISC-V). Everything else — static
 * rounding modes, unsigned 64-bit conversions, RMM, hosts without FMA3 — goes
 * through jit_fp_slow() in fpu.c via the register-preserving slow-path thunk,
 * so those rare ops cost no register spills in the surrounding block.
 * Host exception flags accumulate in MXCSR, which is where the guest's accrued
 * flags live.
 *
 * Arm ops (IR_FP_ARM, see ir.h) run inline too, bracketed by the checks that
 * send the rare cases to their software twin (op->imm) through the same
 * register-preserving thunk: a NaN result, a smallest-normal result of an op
 * that can round up into it, NaN operands of fmin/fmax, unsigned conversions
 * out of the signed range, FRINTA, and under FPCR.FZ (tested before the op)
 * a denormal operand or a possibly tiny result (arm_fz_checks). In every
 * case where the host op already ran, the host raised a subset of Arm's
 * flags (never one Arm would not), so the twin only adds to them. FRINT*
 * uses SSE4.1's round, assumed present on FMA3 hosts (HOSTF_FMA).
 */
#include "jit/x86_be.h"

#include "jit/jit.h"
#include "runner/tern.h"

void jit_fp_slow(struct cpu *cpu);

#define SSE_ADD 0x58
#define SSE_MUL 0x59
#define SSE_SUB 0x5c
#define SSE_DIV 0x5e
#define SSE_SQRT 0x51

static uint64_t fp_desc(struct ir_op *op)
{
    return (uint64_t)op->opc | (uint64_t)op->type << 8 | (uint64_t)op->aux << 16 |
           (uint64_t)op->cond << 24;
}

/* replace a NaN in xmm r by the canonical quiet NaN */
static void canon_nan(struct be *e, bool dbl, int r)
{
    struct xbuf *x = e->xb;
    emit_ucomi(x, dbl, false, r, r);
    uint8_t *j = emit_jcc8(x, CC_NP);
    emit_mov_ri(x, SCRATCH, dbl ? 0x7ff8000000000000ull : 0x7fc00000ull);
    emit_movq_x_r(x, dbl, r, SCRATCH);
    patch_rel8_here(x, j);
}

static void stage(struct be *e, ir_ref t, int i)
{
    struct xrm m = be_cpu_mem(CPU_OFF(scratch[i]));
    if (be_is_const(e, t)) {
        emit_mov_ri(e->xb, SCRATCH, (uint64_t)be_const(e, t));
        emit_mov_m_r(e->xb, true, m, SCRATCH);
    } else if (e->b->temps[t].kind != IRK_INT) {
        emit_movsd_store(e->xb, true, m, be_xmm(e, t));
    } else {
        emit_mov_m_r(e->xb, true, m, be_gpr(e, t));
    }
}

/* the whole op in C: operands through cpu->scratch */
static void lower_slow(struct be *e, struct ir_op *op)
{
    int n = ir_opdefs[op->opc].nargs;
    for (int i = 0; i < n; i++)
        stage(e, op->arg[i], i);
    emit_mov_ri(e->xb, SCRATCH, fp_desc(op));
    emit_mov_m_r(e->xb, true, be_cpu_mem(CPU_OFF(scratch[4])), SCRATCH);
    be_slow_call(e, (void *)jit_fp_slow);
    be_release_dead(e);
    struct xrm res = be_cpu_mem(CPU_OFF(scratch[0]));
    if (e->b->temps[op->dst].kind == IRK_INT)
        emit_mov_r_m(e->xb, true, be_def_gpr(e, op->dst, -1), res);
    else
        emit_movsd_load(e->xb, true, be_def_xmm(e, op->dst, -1), res);
}

static void lower_arith(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    uint8_t code = op->opc == IR_fadd ? SSE_ADD : op->opc == IR_fsub ? SSE_SUB
                 : op->opc == IR_fmul ? SSE_MUL : op->opc == IR_fdiv ? SSE_DIV : SSE_SQRT;
    ir_ref a = op->arg[0];
    int ra = be_xmm(e, a);
    int rb = op->opc == IR_fsqrt ? ra : be_xmm(e, op->arg[1]);
    bool adies = be_dies(e, a) || be_is_const(e, a);
    be_release_dead(e);
    int rd;
    if (op->opc == IR_fsqrt) {
        rd = be_def_xmm(e, op->dst, adies ? ra : -1);
        emit_sse_arith(e->xb, code, dbl, rd, RM_R(ra));
    } else {
        rd = be_def_xmm(e, op->dst, adies ? ra : -1);
        emit_movaps(e->xb, rd, ra);
        emit_sse_arith(e->xb, code, dbl, rd, RM_R(rb));
    }
    if (op->cond & IR_FP_CANON_NAN)
        canon_nan(e, dbl, rd);
}

void jit_fma_nan_check(struct cpu *cpu);

static void lower_fma(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    int ra = be_xmm(e, op->arg[0]);
    int rb = be_xmm(e, op->arg[1]);
    int rc = be_xmm(e, op->arg[2]);
    be_release_dead(e);
    /* a fresh register: the multiplicands stay readable for the NaN path */
    int rd = be_def_xmm(e, op->dst, -1);
    struct xbuf *x = e->xb;
    emit_movaps(x, rd, ra);
    bool np = op->cond & IR_FMA_NEG_PROD, na = op->cond & IR_FMA_NEG_ADD;
    uint8_t kind = np ? (na ? 0xaf : 0xad) : (na ? 0xab : 0xa9);
    emit_fma213(x, kind, dbl, rd, rb, rc);
    if (!(op->cond & IR_FP_CANON_NAN))
        return;
    /* NaN result (rare): RISC-V raises NV for inf*0 even with a quiet-NaN
     * addend, x86 does not; then the canonical NaN */
    emit_ucomi(x, dbl, false, rd, rd);
    uint8_t *j = emit_jcc8(x, CC_NP);
    emit_movsd_store(x, dbl, be_cpu_mem(CPU_OFF(scratch[0])), ra);
    emit_movsd_store(x, dbl, be_cpu_mem(CPU_OFF(scratch[1])), rb);
    emit_store_i(x, 8, be_cpu_mem(CPU_OFF(scratch[2])), dbl);
    be_slow_call(e, (void *)jit_fma_nan_check);
    emit_mov_ri(x, SCRATCH, dbl ? 0x7ff8000000000000ull : 0x7fc00000ull);
    emit_movq_x_r(x, dbl, rd, SCRATCH);
    patch_rel8_here(x, j);
}

static void lower_fcmp(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    int ra = be_xmm(e, op->arg[0]);
    int rb = be_xmm(e, op->arg[1]);
    be_release_dead(e);
    int rd = be_def_gpr(e, op->dst, -1);
    struct xbuf *x = e->xb;
    emit_mov_ri(x, rd, 0);
    if (op->cond == IR_FEQ) {
        emit_ucomi(x, dbl, false, ra, rb);
        emit_mov_ri_f(x, SCRATCH, 0, true);
        emit_setcc(x, CC_NP, SCRATCH);
        emit_setcc(x, CC_E, rd);
        emit_alu_r_rm(x, ALU_AND, false, rd, RM_R(SCRATCH));
    } else {
        /* a < b  <=>  b > a; unordered sets CF, so `above` is false */
        emit_ucomi(x, dbl, true, rb, ra);
        emit_setcc(x, op->cond == IR_FLT ? CC_A : CC_AE, rd);
    }
}

static void lower_cvt_ff(struct be *e, struct ir_op *op)
{
    bool to_dbl = op->type == IR_F64;
    int ra = be_xmm(e, op->arg[0]);
    bool adies = be_dies(e, op->arg[0]);
    be_release_dead(e);
    int rd = be_def_xmm(e, op->dst, adies ? ra : -1);
    emit_cvtf2f(e->xb, !to_dbl, rd, ra);
    if (op->cond & IR_FP_CANON_NAN)
        canon_nan(e, to_dbl, rd);
}

static void lower_cvt_if(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    int kind = op->cond & IR_CVT_MASK;
    int ra = be_gpr(e, op->arg[0]);
    be_release_dead(e);
    int rd = be_def_xmm(e, op->dst, -1);
    struct xbuf *x = e->xb;
    emit_insn(x, 0, 0x0f57, 2, rd, RM_R(rd), 0, 0); /* xorps: break the false dependency */
    if (kind == IR_CVT_S32) {
        emit_cvtsi2f(x, dbl, false, rd, ra);
    } else if (kind == IR_CVT_U32) {
        emit_mov_rr(x, false, SCRATCH, ra);
        emit_cvtsi2f(x, dbl, true, rd, SCRATCH);
    } else {
        emit_cvtsi2f(x, dbl, true, rd, ra);
    }
}

/* float -> signed integer with RISC-V saturation: NaN and +overflow give MAX,
 * -overflow gives MIN. cvt(t)s?2si returns MIN for all invalid inputs. */
static void lower_cvt_fi(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    bool w64 = (op->cond & IR_CVT_MASK) == IR_CVT_S64;
    int ra = be_xmm(e, op->arg[0]);
    be_release_dead(e);
    int rd = be_def_gpr(e, op->dst, -1);
    struct xbuf *x = e->xb;
    emit_cvtf2si(x, dbl, w64, op->aux == IR_RM_RTZ, rd, ra);
    if (w64) {
        emit_mov_ri(x, SCRATCH, 0x8000000000000000ull);
        emit_alu_r_rm(x, ALU_CMP, true, rd, RM_R(SCRATCH));
    } else {
        emit_alu_rm_i(x, ALU_CMP, false, RM_R(rd), INT32_MIN);
    }
    uint8_t *done = emit_jcc8(x, CC_NE);
    emit_ucomi(x, dbl, false, ra, ra);
    uint8_t *isnan = emit_jcc8(x, CC_P);
    emit_movq_r_x(x, dbl, SCRATCH, ra);
    emit_test_rr(x, dbl, SCRATCH, SCRATCH);
    uint8_t *neg = emit_jcc8(x, CC_S);
    patch_rel8_here(x, isnan);
    emit_mov_ri(x, rd, w64 ? 0x7fffffffffffffffull : 0x7fffffffull);
    patch_rel8_here(x, neg);
    patch_rel8_here(x, done);
}

static void lower_bitcast(struct be *e, struct ir_op *op)
{
    ir_ref a = op->arg[0];
    bool to_float = op->type == IR_F32 || op->type == IR_F64;
    bool from_float = e->b->temps[a].kind != IRK_INT && !be_is_const(e, a);
    struct xbuf *x = e->xb;
    if (to_float == from_float) { /* same register file: a copy */
        if (to_float) {
            int ra = be_xmm(e, a);
            be_release_dead(e);
            int rd = be_def_xmm(e, op->dst, -1);
            if (op->type == IR_F64 && e->b->temps[a].kind == IRK_F32) {
                /* F32 -> F64 zero-extends: xorps rd, rd; movss rd, ra */
                emit_insn(x, 0, 0x0f57, 2, rd, RM_R(rd), 0, 0);
                emit_insn(x, X_F3, 0x0f10, 2, rd, RM_R(ra), 0, 0);
            } else {
                emit_movaps(x, rd, ra);
            }
        } else {
            int ra = be_gpr(e, a);
            be_release_dead(e);
            int rd = be_def_gpr(e, op->dst, -1);
            if (op->type == IR_I32)
                emit_movzx(x, 4, rd, ra);
            else
                emit_mov_rr(x, true, rd, ra);
        }
        return;
    }
    if (to_float) {
        int ra = be_gpr(e, a);
        be_release_dead(e);
        emit_movq_x_r(x, op->type == IR_F64, be_def_xmm(e, op->dst, -1), ra);
    } else {
        int ra = be_xmm(e, a);
        be_release_dead(e);
        bool wide = e->b->temps[a].kind == IRK_F64 && op->type != IR_I32;
        emit_movq_r_x(x, wide, be_def_gpr(e, op->dst, -1), ra);
    }
}

/* int -> int: the low 32 bits when properly NaN-boxed, else the canonical NaN */
static void lower_unbox32(struct be *e, struct ir_op *op)
{
    int ra = be_gpr(e, op->arg[0]);
    bool adies = be_dies(e, op->arg[0]) || be_is_const(e, op->arg[0]);
    be_release_dead(e);
    int rd = be_def_gpr(e, op->dst, adies ? ra : -1);
    struct xbuf *x = e->xb;
    emit_mov_rr(x, true, SCRATCH, ra);
    emit_shift_i(x, SH_SHR, true, SCRATCH, 32);
    emit_alu_rm_i(x, ALU_CMP, false, RM_R(SCRATCH), -1);
    emit_mov_rr(x, false, rd, ra);
    emit_mov_ri_f(x, SCRATCH, 0x7fc00000, true);
    emit_cmov(x, CC_NE, false, rd, SCRATCH);
}

/* r = FPF_* view of the host's sticky MXCSR flags; leaves the MXCSR image
 * at [rsp+BE_MXTMP] */
static void host_flags(struct be *e, int r)
{
    struct xbuf *x = e->xb;
    emit_stmxcsr(x, RM_M(RSP, BE_MXTMP));
    emit_load(x, 1, false, SCRATCH, RM_M(RSP, BE_MXTMP));
    emit_alu_rm_i(x, ALU_AND, false, RM_R(SCRATCH), 0x3f);
    emit_mov_ri(x, r, (uint64_t)(uintptr_t)fpu_mxcsr_to_fpf);
    emit_load(x, 1, false, r, RM_MX(r, SCRATCH, 1, 0));
}

static void lower_fflags_get(struct be *e, struct ir_op *op)
{
    int rd = be_def_gpr(e, op->dst, -1);
    host_flags(e, rd);
    emit_alu_r_rm(e->xb, ALU_OR, false, rd, be_cpu_mem(CPU_OFF(fflags)));
}

/* guest flags = cpu->fflags | host flags, so the host's sticky flags need
 * clearing (a serialising ldmxcsr) only when some are not in the new value */
static void lower_fflags_set(struct be *e, struct ir_op *op)
{
    struct xbuf *x = e->xb;
    int rv = be_gpr(e, op->arg[0]);
    int t = be_tmp_gpr(e);
    be_release_dead(e);
    emit_mov_rr(x, false, SCRATCH, rv);
    emit_alu_rm_i(x, ALU_AND, false, RM_R(SCRATCH), 0x1f);
    emit_mov_m_r(x, false, be_cpu_mem(CPU_OFF(fflags)), SCRATCH);
    host_flags(e, t);
    emit_mov_rr(x, false, SCRATCH, rv);
    emit_grp3(x, 2, false, SCRATCH);                       /* not */
    emit_alu_r_rm(x, ALU_AND, false, t, RM_R(SCRATCH));
    uint8_t *done = emit_jcc8(x, CC_E);
    emit_alu_rm_i(x, ALU_AND, false, RM_M(RSP, BE_MXTMP), ~0x3f);
    emit_ldmxcsr(x, RM_M(RSP, BE_MXTMP));
    patch_rel8_here(x, done);
}

/* ---- Arm ops (IR_FP_ARM) ---- */

static void patch_here32(struct be *e, uint8_t *field)
{
    if (field && !e->xb->overflow)
        patch_rel32(field, e->xb->p);
}

/* FPCR.FZ (bit 24 of cpu->fpcr) set: the op leaves for its FZ checks (out
 * of line, after the fast path), which return to the op or go to the twin */
struct arm_fz {
    uint8_t *branch;   /* the jnz's rel32 field */
    uint8_t *op;       /* where the inline op starts */
};

static struct arm_fz arm_fz_begin(struct be *e)
{
    struct arm_fz fz;
    emit_insn(e->xb, 0, 0xf6, 1, 0, be_cpu_mem(CPU_OFF(fpcr) + 3), 1, 1); /* test byte, 1 */
    fz.branch = emit_jcc32(e->xb, CC_NE);
    fz.op = e->xb->p;
    return fz;
}

/* Under FZ the inline op is still Arm's when no input is denormal (Arm
 * flushes it, raising IDC) and the result cannot be tiny (Arm flushes it
 * with UFC alone, where the host would raise inexact too): both are decided
 * from the operands' exponent fields before the op, so the host never raises
 * a flag Arm would not. A zero operand counts as exponent 4095 (the results
 * it gives are exact). The conditions, with F fraction bits: sums need each
 * exponent >= F + 1 (then every sum is a multiple of the smallest normal),
 * products ea + eb >= bias + 1, quotients ea - eb >= 2 - bias, FMA both
 * (product ea + eb >= bias + 1 + 2F, addend >= F + 1), narrowing a double
 * ea >= 1023 - 126. Anything else goes to the twin (its fields in slow[]). */
static void arm_fz_checks(struct be *e, struct ir_op *op, const int *xr, int n, uint8_t **slow,
                          int *ns)
{
    struct xbuf *x = e->xb;
    /* the operands' format (fcvt_ff: the source's) */
    bool dbl = op->opc == IR_fcvt_ff ? op->type == IR_F32 : op->type == IR_F64;
    int32_t f = dbl ? 52 : 23, bias = dbl ? 1023 : 127;
    for (int i = 0; i < n; i++) {
        struct xrm slot = RM_M(RSP, BE_ARGTMP + 4 * i);
        emit_movq_r_x(x, dbl, SCRATCH, xr[i]);
        emit_alu_r_rm(x, ALU_ADD, dbl, SCRATCH, RM_R(SCRATCH)); /* sign out; ZF: zero */
        uint8_t *zero = emit_jcc8(x, CC_E);
        emit_shift_i(x, SH_SHR, dbl, SCRATCH, dbl ? 53 : 24);
        slow[(*ns)++] = emit_jcc32(x, CC_E);                     /* denormal */
        emit_mov_m_r(x, false, slot, SCRATCH);
        uint8_t *next = emit_jmp8(x);
        patch_rel8_here(x, zero);
        emit_store_i(x, 4, slot, 4095);
        patch_rel8_here(x, next);
    }
    struct xrm e0 = RM_M(RSP, BE_ARGTMP), e1 = RM_M(RSP, BE_ARGTMP + 4), e2 = RM_M(RSP, BE_ARGTMP + 8);
    switch (op->opc) {
    case IR_fadd: case IR_fsub:
        emit_alu_rm_i(x, ALU_CMP, false, e0, f + 1);
        slow[(*ns)++] = emit_jcc32(x, CC_B);
        emit_alu_rm_i(x, ALU_CMP, false, e1, f + 1);
        slow[(*ns)++] = emit_jcc32(x, CC_B);
        break;
    case IR_fmul: case IR_fma:
        emit_mov_r_m(x, false, SCRATCH, e0);
        emit_alu_r_rm(x, ALU_ADD, false, SCRATCH, e1);
        emit_alu_rm_i(x, ALU_CMP, false, RM_R(SCRATCH), bias + 1 + (op->opc == IR_fma ? 2 * f : 0));
        slow[(*ns)++] = emit_jcc32(x, CC_B);
        if (op->opc == IR_fma) {
            emit_alu_rm_i(x, ALU_CMP, false, e2, f + 1);
            slow[(*ns)++] = emit_jcc32(x, CC_B);
        }
        break;
    case IR_fdiv:
        emit_mov_r_m(x, false, SCRATCH, e0);
        emit_alu_r_rm(x, ALU_SUB, false, SCRATCH, e1);
        emit_alu_rm_i(x, ALU_CMP, false, RM_R(SCRATCH), 2 - bias);
        slow[(*ns)++] = emit_jcc32(x, CC_L);
        break;
    case IR_fcvt_ff:
        if (dbl) {
            emit_alu_rm_i(x, ALU_CMP, false, e0, 1023 - 126);
            slow[(*ns)++] = emit_jcc32(x, CC_B);
        }
        break;
    default:
        break;
    }
}

/* Where the slow block starts: the FZ checks (entered from fz.branch, going
 * back to the op or on to the twin), then the twin's label. falls: the fast
 * path's special results run into the slow block here. */
static void arm_fz_then_slow(struct be *e, struct ir_op *op, const int *xr, int n,
                             struct arm_fz fz, bool falls)
{
    struct xbuf *x = e->xb;
    uint8_t *to_slow = falls ? emit_jmp32(x) : NULL;
    uint8_t *slow[8];
    int ns = 0;
    patch_here32(e, fz.branch);
    arm_fz_checks(e, op, xr, n, slow, &ns);
    uint8_t *back = emit_jmp32(x);
    if (!x->overflow)
        patch_rel32(back, fz.op);
    patch_here32(e, to_slow);
    for (int i = 0; i < ns; i++)
        patch_here32(e, slow[i]);
}

/* The software twin: operands (the registers captured before their release,
 * still intact) through cpu->scratch, result into rd. */
static void arm_hook_block(struct be *e, struct ir_op *op, const int *xr, int n, int rd,
                           bool rd_int)
{
    struct xbuf *x = e->xb;
    for (int i = 0; i < n; i++)
        emit_movsd_store(x, true, be_cpu_mem(CPU_OFF(scratch[i])), xr[i]);
    emit_mov_ri(x, SCRATCH, fp_desc(op));
    emit_mov_m_r(x, true, be_cpu_mem(CPU_OFF(scratch[4])), SCRATCH);
    be_slow_call(e, (void *)(uintptr_t)op->imm);
    if (rd_int)
        emit_mov_r_m(x, true, rd, be_cpu_mem(CPU_OFF(scratch[0])));
    else
        emit_movsd_load(x, true, rd, be_cpu_mem(CPU_OFF(scratch[0])));
}

/* operands of an Arm op in xmm registers, then released; returns the count */
static int arm_operands(struct be *e, struct ir_op *op, int *xr)
{
    int n = ir_opdefs[op->opc].nargs;
    for (int i = 0; i < n; i++)
        xr[i] = be_xmm(e, op->arg[i]);
    be_release_dead(e);
    return n;
}

/* the whole op in software */
static void lower_arm_soft(struct be *e, struct ir_op *op)
{
    int xr[3];
    int n = arm_operands(e, op, xr);
    bool rint = e->b->temps[op->dst].kind == IRK_INT;
    int rd = rint ? be_def_gpr(e, op->dst, -1) : be_def_xmm(e, op->dst, -1);
    arm_hook_block(e, op, xr, n, rd, rint);
}

/* After an inline op with its result in xmm rd: falls into the slow block
 * (emitted next) when the result is a NaN or, with tiny, of smallest normal
 * magnitude; returns the rel32 field of the branch over the slow block. */
static uint8_t *arm_result_check(struct be *e, bool dbl, int rd, bool tiny)
{
    struct xbuf *x = e->xb;
    emit_ucomi(x, dbl, false, rd, rd);
    if (!tiny)
        return emit_jcc32(x, CC_NP);
    uint8_t *nan = emit_jcc8(x, CC_P);
    /* |r| == smallest normal <=> (bits << 1) rotated right by the
     * fraction width + 1 is 1 */
    emit_movq_r_x(x, dbl, SCRATCH, rd);
    emit_alu_r_rm(x, ALU_ADD, dbl, SCRATCH, RM_R(SCRATCH));
    emit_shift_i(x, SH_ROR, dbl, SCRATCH, dbl ? 53 : 24);
    emit_insn(x, wflag(dbl), 0xff, 1, 1, RM_R(SCRATCH), 0, 0); /* dec */
    uint8_t *ok = emit_jcc32(x, CC_NE);
    patch_rel8_here(x, nan);
    return ok;
}

static void lower_arith_arm(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    uint8_t code = op->opc == IR_fadd ? SSE_ADD : op->opc == IR_fsub ? SSE_SUB
                 : op->opc == IR_fmul ? SSE_MUL : op->opc == IR_fdiv ? SSE_DIV : SSE_SQRT;
    int xr[3];
    int n = arm_operands(e, op, xr);
    /* a fresh register: the operands stay readable for the slow block */
    int rd = be_def_xmm(e, op->dst, -1);
    struct xbuf *x = e->xb;
    struct arm_fz fz = arm_fz_begin(e);
    if (op->opc == IR_fsqrt) {
        emit_sse_arith(x, code, dbl, rd, RM_R(xr[0]));
    } else {
        emit_movaps(x, rd, xr[0]);
        emit_sse_arith(x, code, dbl, rd, RM_R(xr[1]));
    }
    /* sums and differences are exact when tiny, so never round into the
     * smallest normal */
    uint8_t *done = arm_result_check(e, dbl, rd, op->opc == IR_fmul || op->opc == IR_fdiv);
    arm_fz_then_slow(e, op, xr, n, fz, true);
    arm_hook_block(e, op, xr, n, rd, false);
    patch_here32(e, done);
}

static void lower_fma_arm(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    int xr[3];
    int n = arm_operands(e, op, xr);
    int rd = be_def_xmm(e, op->dst, -1);
    struct xbuf *x = e->xb;
    struct arm_fz fz = arm_fz_begin(e);
    emit_movaps(x, rd, xr[0]);
    bool np = op->cond & IR_FMA_NEG_PROD, na = op->cond & IR_FMA_NEG_ADD;
    uint8_t kind = np ? (na ? 0xaf : 0xad) : (na ? 0xab : 0xa9);
    emit_fma213(x, kind, dbl, rd, xr[1], xr[2]);
    uint8_t *done = arm_result_check(e, dbl, rd, true);
    arm_fz_then_slow(e, op, xr, n, fz, true);
    arm_hook_block(e, op, xr, n, rd, false);
    patch_here32(e, done);
}

static void lower_cvt_ff_arm(struct be *e, struct ir_op *op)
{
    bool to_dbl = op->type == IR_F64;
    int xr[1];
    arm_operands(e, op, xr);
    int rd = be_def_xmm(e, op->dst, -1);
    struct arm_fz fz = arm_fz_begin(e);
    emit_cvtf2f(e->xb, !to_dbl, rd, xr[0]);
    uint8_t *done = arm_result_check(e, to_dbl, rd, !to_dbl);
    arm_fz_then_slow(e, op, xr, 1, fz, true);
    arm_hook_block(e, op, xr, 1, rd, false);
    patch_here32(e, done);
}

/* float -> signed integer, Arm: NaN gives 0, overflow saturates (cvt(t)s?2si
 * returns MIN for every invalid input, raising only IE, as Arm raises IOC) */
static void lower_cvt_fi_arm(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    bool w64 = (op->cond & IR_CVT_MASK) == IR_CVT_S64;
    int xr[1];
    arm_operands(e, op, xr);
    int ra = xr[0];
    int rd = be_def_gpr(e, op->dst, -1);
    struct xbuf *x = e->xb;
    struct arm_fz fz = arm_fz_begin(e);
    emit_cvtf2si(x, dbl, w64, op->aux == IR_RM_RTZ, rd, ra);
    if (w64) {
        emit_mov_ri(x, SCRATCH, 0x8000000000000000ull);
        emit_alu_r_rm(x, ALU_CMP, true, rd, RM_R(SCRATCH));
    } else {
        emit_alu_rm_i(x, ALU_CMP, false, RM_R(rd), INT32_MIN);
    }
    uint8_t *done = emit_jcc32(x, CC_NE);
    /* MIN: NaN (0), a true result (negative input) or +overflow (MAX) */
    emit_ucomi(x, dbl, false, ra, ra);
    uint8_t *isnan = emit_jcc8(x, CC_P);
    emit_movq_r_x(x, dbl, SCRATCH, ra);
    emit_test_rr(x, dbl, SCRATCH, SCRATCH);
    uint8_t *neg = emit_jcc32(x, CC_S);
    emit_mov_ri(x, rd, w64 ? 0x7fffffffffffffffull : 0x7fffffffull);
    uint8_t *done2 = emit_jmp32(x);
    patch_rel8_here(x, isnan);
    emit_mov_ri(x, rd, 0);
    uint8_t *done3 = emit_jmp32(x);
    arm_fz_then_slow(e, op, xr, 1, fz, false);
    arm_hook_block(e, op, xr, 1, rd, true);
    patch_here32(e, done);
    patch_here32(e, neg);
    patch_here32(e, done2);
    patch_here32(e, done3);
}

/* float -> unsigned integer toward zero (FCVTZU): a non-negative input
 * below 2^32 (2^63) converts exactly as a signed 64-bit one, raising what
 * Arm raises (inexact when it had a fraction); negatives, NaNs and larger
 * inputs go to the twin before the host could raise a flag Arm would not */
static void lower_cvt_fu_arm(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    bool w64 = (op->cond & IR_CVT_MASK) == IR_CVT_U64;
    int xr[1];
    arm_operands(e, op, xr);
    int rd = be_def_gpr(e, op->dst, -1);
    struct xbuf *x = e->xb;
    struct arm_fz fz = arm_fz_begin(e);
    emit_movq_r_x(x, dbl, SCRATCH, xr[0]);
    emit_shift_i(x, SH_SHR, dbl, SCRATCH, dbl ? 52 : 23);  /* sign:exponent */
    int limit = (dbl ? 1023 : 127) + (w64 ? 63 : 32);
    emit_alu_rm_i(x, ALU_CMP, false, RM_R(SCRATCH), limit);
    uint8_t *slow = emit_jcc32(x, CC_AE);
    emit_cvtf2si(x, dbl, true, true, rd, xr[0]);
    uint8_t *done = emit_jmp32(x);
    arm_fz_then_slow(e, op, xr, 1, fz, false);
    patch_here32(e, slow);
    arm_hook_block(e, op, xr, 1, rd, true);
    patch_here32(e, done);
}

/* Arm FMAX/FMIN(NM): NaN operands go to the twin; equal operands (+0 and -0
 * among them) combine their bits: AND for max (+0 wins), OR for min */
static void lower_minmax_arm(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    bool max = op->opc == IR_fmax;
    int xr[2];
    arm_operands(e, op, xr);
    int rd = be_def_xmm(e, op->dst, -1);
    struct xbuf *x = e->xb;
    struct arm_fz fz = arm_fz_begin(e);
    emit_ucomi(x, dbl, false, xr[0], xr[1]);
    uint8_t *nan = emit_jcc32(x, CC_P);
    emit_movaps(x, rd, xr[0]);
    uint8_t *ne = emit_jcc8(x, CC_NE);
    emit_insn(x, X_66, max ? 0x0f54 : 0x0f56, 2, rd, RM_R(xr[1]), 0, 0); /* andpd / orpd */
    uint8_t *done = emit_jmp32(x);
    patch_rel8_here(x, ne);
    emit_sse_arith(x, max ? 0x5f : 0x5d, dbl, rd, RM_R(xr[1]));
    uint8_t *done2 = emit_jmp32(x);
    arm_fz_then_slow(e, op, xr, 2, fz, false);
    patch_here32(e, nan);
    arm_hook_block(e, op, xr, 2, rd, false);
    patch_here32(e, done);
    patch_here32(e, done2);
}

/* FRINT{N,P,M,Z,I,X}: SSE4.1 round with the inexact exception suppressed
 * except for FRINTX (which reports it); FMA3 hosts all have SSE4.1, so
 * HOSTF_FMA gates it. Ties-away (FRINTA) has no such mode: the twin does it. */
static void lower_round_arm(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    int imm;
    switch (op->aux) {
    case IR_RM_RNE: imm = 0x8; break;
    case IR_RM_RDN: imm = 0x9; break;
    case IR_RM_RUP: imm = 0xa; break;
    case IR_RM_RTZ: imm = 0xb; break;
    default: imm = (op->cond & IR_FROUND_EXACT) ? 0x4 : 0xc; break; /* MXCSR.RC */
    }
    int xr[1];
    arm_operands(e, op, xr);
    int rd = be_def_xmm(e, op->dst, -1);
    struct arm_fz fz = arm_fz_begin(e);
    emit_insn(e->xb, X_66, dbl ? 0x0f3a0b : 0x0f3a0a, 3, rd, RM_R(xr[0]), imm, 1); /* rounds[sd] */
    uint8_t *done = arm_result_check(e, dbl, rd, false);
    arm_fz_then_slow(e, op, xr, 1, fz, true);
    arm_hook_block(e, op, xr, 1, rd, false);
    patch_here32(e, done);
}

/* Arm NZCV in bits 31:28: after (u)comis, (ZF,PF,CF) is 000 greater, 001 less,
 * 100 equal, 111 unordered */
static void lower_fcmp_arm(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    int fcond = op->cond & IR_FCMP_MASK;
    int xr[2];
    arm_operands(e, op, xr);
    int rd = be_def_gpr(e, op->dst, -1);
    struct xbuf *x = e->xb;
    struct arm_fz fz = arm_fz_begin(e);
    if (fcond <= IR_FLE) { /* 0/1: the compares of lower_fcmp */
        emit_mov_ri(x, rd, 0);
        if (fcond == IR_FEQ) {
            emit_ucomi(x, dbl, false, xr[0], xr[1]);
            emit_mov_ri_f(x, SCRATCH, 0, true);
            emit_setcc(x, CC_NP, SCRATCH);
            emit_setcc(x, CC_E, rd);
            emit_alu_r_rm(x, ALU_AND, false, rd, RM_R(SCRATCH));
        } else {
            emit_ucomi(x, dbl, true, xr[1], xr[0]);
            emit_setcc(x, fcond == IR_FLT ? CC_A : CC_AE, rd);
        }
        uint8_t *done = emit_jmp32(x);
        arm_fz_then_slow(e, op, xr, 2, fz, false);
        arm_hook_block(e, op, xr, 2, rd, true);
        patch_here32(e, done);
        return;
    }
    emit_mov_ri_f(x, rd, 0x20000000, true);
    emit_ucomi(x, dbl, (op->cond & IR_FCMP_MASK) == IR_FNZCV_S, xr[0], xr[1]);
    emit_mov_ri_f(x, SCRATCH, 0x80000000, true);
    emit_cmov(x, CC_B, false, rd, SCRATCH);
    emit_mov_ri_f(x, SCRATCH, 0x60000000, true);
    emit_cmov(x, CC_E, false, rd, SCRATCH);
    emit_mov_ri_f(x, SCRATCH, 0x30000000, true);
    emit_cmov(x, CC_P, false, rd, SCRATCH);
    uint8_t *done = emit_jmp32(x);
    arm_fz_then_slow(e, op, xr, 2, fz, false);
    arm_hook_block(e, op, xr, 2, rd, true);
    patch_here32(e, done);
}

/* fneg / fabs: xorps / andps with the sign mask in XSCRATCH */
static void lower_fsign(struct be *e, struct ir_op *op)
{
    bool dbl = op->type == IR_F64;
    bool neg = op->opc == IR_fneg;
    int ra = be_xmm(e, op->arg[0]);
    bool adies = be_dies(e, op->arg[0]);
    be_release_dead(e);
    int rd = be_def_xmm(e, op->dst, adies ? ra : -1);
    struct xbuf *x = e->xb;
    uint64_t sign = dbl ? 0x8000000000000000ull : 0x80000000ull;
    emit_mov_ri(x, SCRATCH, neg ? sign : ~sign & (dbl ? ~0ull : 0xffffffffull));
    emit_movq_x_r(x, dbl, XSCRATCH, SCRATCH);
    emit_movaps(x, rd, ra);
    emit_insn(x, 0, neg ? 0x0f57 : 0x0f54, 2, rd, RM_R(XSCRATCH), 0, 0);
}

static bool lower_arm(struct be *e, struct ir_op *op, bool dyn)
{
    switch (op->opc) {
    case IR_fadd: case IR_fsub: case IR_fmul: case IR_fdiv: case IR_fsqrt:
        if (dyn) lower_arith_arm(e, op);
        else lower_arm_soft(e, op);
        return true;
    case IR_fma:
        if (dyn && (e->hostf & HOSTF_FMA)) lower_fma_arm(e, op);
        else lower_arm_soft(e, op);
        return true;
    case IR_fcvt_ff:
        if (dyn || op->type == IR_F64) lower_cvt_ff_arm(e, op);
        else lower_arm_soft(e, op);
        return true;
    case IR_fcvt_fi: {
        int k = op->cond & IR_CVT_MASK;
        bool rm_ok = op->aux == IR_RM_RTZ || (op->aux == IR_RM_DYN && dyn);
        if ((k == IR_CVT_S32 || k == IR_CVT_S64) && rm_ok) lower_cvt_fi_arm(e, op);
        else if (op->aux == IR_RM_RTZ) lower_cvt_fu_arm(e, op);
        else lower_arm_soft(e, op);
        return true;
    }
    case IR_fmin: case IR_fmax:
        lower_minmax_arm(e, op);
        return true;
    case IR_fround:
        if ((e->hostf & HOSTF_FMA) && op->aux != IR_RM_RMM && (op->aux != IR_RM_DYN || dyn))
            lower_round_arm(e, op);
        else
            lower_arm_soft(e, op);
        return true;
    case IR_fcmp:
        lower_fcmp_arm(e, op);
        return true;
    default:
        lower_arm_soft(e, op);
        return true;
    }
}

bool be_lower_fp(struct be *e, struct ir_op *op)
{
    /* dynamic rounding runs inline while MXCSR can express the guest's mode */
    bool dyn = op->aux == IR_RM_DYN && !(e->hostf & HOSTF_DYN_SLOW);
    if ((ir_opdefs[op->opc].flags & OPF_SIDE) && (op->cond & IR_FP_ARM) &&
        op->opc != IR_fcvt_if && op->opc != IR_fflags_set)
        return lower_arm(e, op, dyn);
    switch (op->opc) {
    case IR_fadd: case IR_fsub: case IR_fmul: case IR_fdiv: case IR_fsqrt:
        if (dyn) lower_arith(e, op);
        else lower_slow(e, op);
        return true;
    case IR_fma:
        if (dyn && (e->hostf & HOSTF_FMA)) lower_fma(e, op);
        else lower_slow(e, op);
        return true;
    case IR_fcmp:
        lower_fcmp(e, op);
        return true;
    case IR_fcvt_ff:
        /* widening is exact; narrowing rounds */
        if (dyn || op->type == IR_F64) lower_cvt_ff(e, op);
        else lower_slow(e, op);
        return true;
    case IR_fcvt_if: {
        int k = op->cond & IR_CVT_MASK;
        bool exact = op->type == IR_F64 && (k == IR_CVT_S32 || k == IR_CVT_U32);
        if (k != IR_CVT_U64 && (dyn || exact)) lower_cvt_if(e, op);
        else lower_slow(e, op);
        return true;
    }
    case IR_fcvt_fi: {
        int k = op->cond & IR_CVT_MASK;
        if ((k == IR_CVT_S32 || k == IR_CVT_S64) && (dyn || op->aux == IR_RM_RTZ))
            lower_cvt_fi(e, op);
        else
            lower_slow(e, op);
        return true;
    }
    case IR_bitcast:
        lower_bitcast(e, op);
        return true;
    case IR_fneg: case IR_fabs:
        lower_fsign(e, op);
        return true;
    case IR_unbox32:
        lower_unbox32(e, op);
        return true;
    case IR_fflags_get:
        lower_fflags_get(e, op);
        return true;
    case IR_fflags_set:
        lower_fflags_set(e, op);
        return true;
    default:
        return false;
    }
}
