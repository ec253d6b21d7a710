/* trans_simdfp.c — AdvSIMD floating point (vector and scalar-SIMD forms):
 * three-same FP (incl. pairwise), two-register misc FP (incl. FCVTL/FCVTN/
 * FCVTXN and the estimates), across lanes, scalar pairwise, by element, and
 * the fixed-point conversions of the shift-by-immediate group.
 *
 * Every accepted encoding becomes one call of a helper in fp_simd.c
 * (IR_CALL_RW_VEC) with the insn word and the decoded operation; the helper
 * computes each lane with fp_arm.c, so FPCR (RMode, FZ, DN, AHP) and FPSR
 * are the architecture's.
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
        return call(s, (void *)a64_helper_fps_cvtlen, insn, 0);
    }
    int op = e & ~(VEC | SCL);
    if ((op == FPS_URECPE || op == FPS_URSQRTE) && sz)
        return false;
    if (!scalar && sz && !f_q(insn))
        return false;
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
