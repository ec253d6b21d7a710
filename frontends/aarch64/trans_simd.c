/* trans_simd.c — AdvSIMD integer: three same, two-register misc, across
 * lanes, permutes (TBL/TBX, ZIP/UZP/TRN, EXT), copies (DUP, INS, UMOV, SMOV)
 * and modified immediates (MOVI/MVNI/ORR/BIC/FMOV), vector and scalar forms.
 *
 * Inline vs helper: the ops glibc's string and memory functions run in their
 * loops, and the cheap ones around them, are built as IR on the two 64-bit
 * halves of the V registers: logic ops and MOV, BSL/BIT/BIF, ADD/SUB/NEG,
 * the integer compares (CMEQ/CMTST/CMGT/CMGE/CMHI/CMHS, CMEQ #0), byte
 * UMAXP/UMINP/ADDP, EXT, DUP/INS/UMOV/SMOV, the modified immediates and
 * scalar ADDP. Lane-wise arithmetic on 8/16/32-bit lanes is SWAR on the
 * 64-bit words (a carry or borrow never crosses a lane). Everything else
 * calls one helper per operation (simd_helpers.h) with the insn word,
 * IR_CALL_RW_VEC.
 *
 * Invariants:
 *  - every handler checks its whole encoding (reserved size/Q, unallocated
 *    opcodes, the FP opcodes that share these groups) and returns false
 *    before building any IR, so SIGILL or another table's row takes it;
 *  - inline forms read every source half before writing any destination
 *    half, so Vd may alias Vn/Vm;
 *  - a 64-bit vector form (Q = 0) and every scalar form clear bits 127:64.
 */
#include "frontends/aarch64/a64_internal.h"
#include "frontends/aarch64/simd_helpers.h"

#define B (s->b)

static unsigned f_q(uint32_t insn) { return a64_bits(insn, 30, 1); }
static unsigned f_u(uint32_t insn) { return a64_bits(insn, 29, 1); }
static unsigned f_size(uint32_t insn) { return a64_bits(insn, 22, 2); }
static bool f_scalar(uint32_t insn) { return a64_bits(insn, 28, 1); }

static ir_ref cst(struct a64_ctx *s, uint64_t v)
{
    return gen_const(B, (int64_t)v);
}

static void gen_vh(struct a64_ctx *s, a64_vh_fn fn, uint32_t insn)
{
    gen_call(B, (void *)fn, IR_CALL_RW_VEC, 1, cst(s, insn), 0, 0, 0);
}

/* ---- SWAR on one 64-bit half: lanes of 1 << sz bytes ---- */

/* the top bit of every lane */
static const uint64_t lane_top[4] = {
    0x8080808080808080ull, 0x8000800080008000ull, 0x8000000080000000ull, 0x8000000000000000ull,
};

/* lane-wise a + b: add the low bits, then fix the top bit without carrying
 * into the next lane */
static ir_ref gen_lanes_add(struct a64_ctx *s, unsigned sz, ir_ref a, ir_ref b)
{
    if (sz == 3)
        return gen_add(B, IR_I64, a, b);
    ir_ref h = cst(s, lane_top[sz]), l = cst(s, ~lane_top[sz]);
    ir_ref sum = gen_add(B, IR_I64, gen_and(B, IR_I64, a, l), gen_and(B, IR_I64, b, l));
    return gen_xor(B, IR_I64, sum, gen_and(B, IR_I64, gen_xor(B, IR_I64, a, b), h));
}

/* lane-wise a - b: the top bit of each lane of a is set so the low bits
 * never borrow from the next lane; then the top bit is fixed */
static ir_ref gen_lanes_sub(struct a64_ctx *s, unsigned sz, ir_ref a, ir_ref b)
{
    if (sz == 3)
        return gen_sub(B, IR_I64, a, b);
    ir_ref h = cst(s, lane_top[sz]), l = cst(s, ~lane_top[sz]);
    ir_ref dif = gen_sub(B, IR_I64, gen_or(B, IR_I64, a, h), gen_and(B, IR_I64, b, l));
    return gen_xor(B, IR_I64, dif, gen_and(B, IR_I64, gen_binop(B, IR_xnor, IR_I64, a, b), h));
}

/* all-ones in the lanes of t that are zero, zero elsewhere */
static ir_ref gen_lanes_eqz(struct a64_ctx *s, unsigned sz, ir_ref t)
{
    if (sz == 3)
        return gen_unop(B, IR_neg, IR_I64, gen_setcond(B, IR_I64, IR_EQ, t, cst(s, 0)));
    ir_ref h = cst(s, lane_top[sz]), l = cst(s, ~lane_top[sz]);
    /* top bit of (t & l) + l: some low bit set; or'ed with t's top bit */
    ir_ref nz = gen_or(B, IR_I64, gen_add(B, IR_I64, gen_and(B, IR_I64, t, l), l), t);
    ir_ref z = gen_binop(B, IR_andn, IR_I64, h, nz); /* top bit: lane is zero */
    ir_ref low = gen_binop(B, IR_shr, IR_I64, z, cst(s, (8u << sz) - 1));
    return gen_or(B, IR_I64, gen_sub(B, IR_I64, z, low), z);
}

/* all-ones in the lanes where a >= b (unsigned), zero elsewhere */
static ir_ref gen_lanes_hs(struct a64_ctx *s, unsigned sz, ir_ref a, ir_ref b)
{
    if (sz == 3)
        return gen_unop(B, IR_neg, IR_I64, gen_setcond(B, IR_I64, IR_GEU, a, b));
    ir_ref h = cst(s, lane_top[sz]), l = cst(s, ~lane_top[sz]);
    /* top bit of d: low bits of a >= low bits of b */
    ir_ref d = gen_sub(B, IR_I64, gen_or(B, IR_I64, a, h), gen_and(B, IR_I64, b, l));
    /* a >= b: top bits a:1 b:0, or equal top bits and d's top bit */
    ir_ref ge = gen_or(B, IR_I64, gen_binop(B, IR_andn, IR_I64, a, b),
                       gen_binop(B, IR_andn, IR_I64, d, gen_xor(B, IR_I64, a, b)));
    ge = gen_and(B, IR_I64, ge, h);
    ir_ref low = gen_binop(B, IR_shr, IR_I64, ge, cst(s, (8u << sz) - 1));
    return gen_or(B, IR_I64, gen_sub(B, IR_I64, ge, low), ge);
}

/* the signed order is the unsigned one with the top bits flipped */
static ir_ref gen_flip_top(struct a64_ctx *s, unsigned sz, ir_ref a)
{
    return gen_xor(B, IR_I64, a, cst(s, lane_top[sz]));
}

/* one op on each 64-bit half; n, m, d are the halves of Vn, Vm and old Vd */
typedef ir_ref (*half_op)(struct a64_ctx *s, unsigned sz, ir_ref n, ir_ref m, ir_ref d);

enum { USE_M = 1, USE_D = 2 };

/* Vd = op(Vn, Vm, Vd) on both halves (q) or the low one with the high
 * cleared (!q, scalars) */
static void gen_halves(struct a64_ctx *s, uint32_t insn, unsigned q, unsigned sz, half_op op,
                       unsigned use)
{
    int rd = A64_RD(insn), rn = A64_RN(insn), rm = A64_RM(insn);
    ir_ref r[2];
    for (unsigned h = 0; h <= q; h++) {
        ir_ref n = gen_get(B, IR_I64, CPU_VREG(rn, h));
        ir_ref m = (use & USE_M) ? gen_get(B, IR_I64, CPU_VREG(rm, h)) : 0;
        ir_ref d = (use & USE_D) ? gen_get(B, IR_I64, CPU_VREG(rd, h)) : 0;
        r[h] = op(s, sz, n, m, d);
    }
    a64_set_vlo(s, rd, r[0]);
    a64_set_vhi(s, rd, q ? r[1] : cst(s, 0));
}

#define HALF_OP(name) \
    static ir_ref name(struct a64_ctx *s, unsigned sz, ir_ref n, ir_ref m, ir_ref d)

HALF_OP(h_and) { (void)sz, (void)d; return gen_and(B, IR_I64, n, m); }
HALF_OP(h_bic) { (void)sz, (void)d; return gen_binop(B, IR_andn, IR_I64, n, m); }
HALF_OP(h_orr) { (void)sz, (void)d; return gen_or(B, IR_I64, n, m); }
HALF_OP(h_mov) { (void)s, (void)sz, (void)m, (void)d; return n; }  /* MOV = ORR Vd, Vn, Vn */
HALF_OP(h_orn) { (void)sz, (void)d; return gen_binop(B, IR_orn, IR_I64, n, m); }
HALF_OP(h_eor) { (void)sz, (void)d; return gen_xor(B, IR_I64, n, m); }
/* BSL: d selects n (1) or m (0); BIT: insert n where m is 1; BIF: where m is 0 */
HALF_OP(h_bsl)
{
    (void)sz;
    return gen_xor(B, IR_I64, m, gen_and(B, IR_I64, gen_xor(B, IR_I64, n, m), d));
}
HALF_OP(h_bit)
{
    (void)sz;
    return gen_xor(B, IR_I64, d, gen_and(B, IR_I64, gen_xor(B, IR_I64, d, n), m));
}
HALF_OP(h_bif)
{
    (void)sz;
    return gen_xor(B, IR_I64, d, gen_binop(B, IR_andn, IR_I64, gen_xor(B, IR_I64, d, n), m));
}
HALF_OP(h_add) { (void)d; return gen_lanes_add(s, sz, n, m); }
HALF_OP(h_sub) { (void)d; return gen_lanes_sub(s, sz, n, m); }
HALF_OP(h_neg) { (void)m, (void)d; return gen_lanes_sub(s, sz, cst(s, 0), n); }
HALF_OP(h_not) { (void)sz, (void)m, (void)d; return gen_unop(B, IR_not, IR_I64, n); }
HALF_OP(h_cmeq) { (void)d; return gen_lanes_eqz(s, sz, gen_xor(B, IR_I64, n, m)); }
HALF_OP(h_cmeq0) { (void)m, (void)d; return gen_lanes_eqz(s, sz, n); }
HALF_OP(h_cmhs) { (void)d; return gen_lanes_hs(s, sz, n, m); }
HALF_OP(h_cmhi) { (void)d; return gen_unop(B, IR_not, IR_I64, gen_lanes_hs(s, sz, m, n)); }
HALF_OP(h_cmge)
{
    (void)d;
    return gen_lanes_hs(s, sz, gen_flip_top(s, sz, n), gen_flip_top(s, sz, m));
}
HALF_OP(h_cmgt)
{
    (void)d;
    return gen_unop(B, IR_not, IR_I64,
                    gen_lanes_hs(s, sz, gen_flip_top(s, sz, m), gen_flip_top(s, sz, n)));
}
HALF_OP(h_cmtst)
{
    (void)d;
    return gen_unop(B, IR_not, IR_I64, gen_lanes_eqz(s, sz, gen_and(B, IR_I64, n, m)));
}

/* ---- pairwise on bytes (UMAXP/UMINP/ADDP .8B/.16B: glibc's string
 * functions reduce their compare masks with them) ---- */

enum pair_kind { PAIR_ADD, PAIR_UMAX, PAIR_UMIN };

/* the four byte-pair results of a 64-bit word, packed into its low 32 bits:
 * the even and odd bytes go to 16-bit lanes, where the op cannot overflow
 * into a neighbour, then the lanes are packed back into bytes */
static ir_ref gen_pair_bytes(struct a64_ctx *s, enum pair_kind kind, ir_ref w)
{
    ir_ref m8 = cst(s, 0x00ff00ff00ff00ffull);
    ir_ref ev = gen_and(B, IR_I64, w, m8);
    ir_ref od = gen_and(B, IR_I64, gen_binop(B, IR_shr, IR_I64, w, cst(s, 8)), m8);
    ir_ref r;
    if (kind == PAIR_ADD) {
        r = gen_and(B, IR_I64, gen_add(B, IR_I64, ev, od), m8);
    } else {
        /* bit 8 of each lane of 0x100 + ev - od: ev >= od */
        ir_ref d = gen_sub(B, IR_I64, gen_or(B, IR_I64, ev, cst(s, 0x0100010001000100ull)), od);
        ir_ref ge = gen_and(B, IR_I64, gen_binop(B, IR_shr, IR_I64, d, cst(s, 8)),
                            cst(s, 0x0001000100010001ull));
        ir_ref mask = gen_sub(B, IR_I64, gen_binop(B, IR_shl, IR_I64, ge, cst(s, 8)), ge);
        ir_ref x = gen_and(B, IR_I64, gen_xor(B, IR_I64, ev, od), mask);
        r = gen_xor(B, IR_I64, kind == PAIR_UMAX ? od : ev, x);
    }
    r = gen_and(B, IR_I64, gen_or(B, IR_I64, r, gen_binop(B, IR_shr, IR_I64, r, cst(s, 8))),
                cst(s, 0x0000ffff0000ffffull));
    r = gen_or(B, IR_I64, r, gen_binop(B, IR_shr, IR_I64, r, cst(s, 16)));
    return gen_unop(B, IR_zext32, IR_I64, r);
}

static ir_ref gen_pack2(struct a64_ctx *s, ir_ref lo32, ir_ref hi32)
{
    return gen_or(B, IR_I64, lo32, gen_binop(B, IR_shl, IR_I64, hi32, cst(s, 32)));
}

/* result = pairs of Vn then pairs of Vm; with Vn = Vm (the usual reduction
 * idiom) each word is computed once */
static void gen_pairwise_bytes(struct a64_ctx *s, uint32_t insn, enum pair_kind kind)
{
    int rd = A64_RD(insn), rn = A64_RN(insn), rm = A64_RM(insn);
    if (f_q(insn)) {
        ir_ref lo = gen_pack2(s, gen_pair_bytes(s, kind, a64_get_vlo(s, rn)),
                              gen_pair_bytes(s, kind, a64_get_vhi(s, rn)));
        ir_ref hi = rm == rn ? lo
                             : gen_pack2(s, gen_pair_bytes(s, kind, a64_get_vlo(s, rm)),
                                         gen_pair_bytes(s, kind, a64_get_vhi(s, rm)));
        a64_set_vlo(s, rd, lo);
        a64_set_vhi(s, rd, hi);
    } else {
        ir_ref pn = gen_pair_bytes(s, kind, a64_get_vlo(s, rn));
        ir_ref pm = rm == rn ? pn : gen_pair_bytes(s, kind, a64_get_vlo(s, rm));
        a64_set_vreg64(s, rd, gen_pack2(s, pn, pm));
    }
}

/* ---- three same ---- */

/* Helper ops of the three-same group by [U][opcode]. vsz: bit s set when
 * vector size s is allocated (size 3 only with Q = 1); ssz: the same for
 * the scalar form (0: no scalar form). Opcodes 3 (logic), 6/7 (compares),
 * 16 (ADD/SUB) and 17 (CMTST/CMEQ) are inline, and so are UMAXP/UMINP/ADDP
 * on bytes; 24..31 are FP. */
struct vh_row {
    a64_vh_fn fn;
    uint8_t vsz, ssz;
};
static const struct vh_row three_same[2][24] = {
    /* [U][opcode]          helper               vsz   ssz */
    [0][0x00] = { a64_vh_shadd,    0x7, 0x0 },
    [1][0x00] = { a64_vh_uhadd,    0x7, 0x0 },
    [0][0x01] = { a64_vh_sqadd,    0xf, 0xf },
    [1][0x01] = { a64_vh_uqadd,    0xf, 0xf },
    [0][0x02] = { a64_vh_srhadd,   0x7, 0x0 },
    [1][0x02] = { a64_vh_urhadd,   0x7, 0x0 },
    [0][0x04] = { a64_vh_shsub,    0x7, 0x0 },
    [1][0x04] = { a64_vh_uhsub,    0x7, 0x0 },
    [0][0x05] = { a64_vh_sqsub,    0xf, 0xf },
    [1][0x05] = { a64_vh_uqsub,    0xf, 0xf },
    [0][0x08] = { a64_vh_sshl,     0xf, 0x8 },
    [1][0x08] = { a64_vh_ushl,     0xf, 0x8 },
    [0][0x09] = { a64_vh_sqshl,    0xf, 0xf },
    [1][0x09] = { a64_vh_uqshl,    0xf, 0xf },
    [0][0x0a] = { a64_vh_srshl,    0xf, 0x8 },
    [1][0x0a] = { a64_vh_urshl,    0xf, 0x8 },
    [0][0x0b] = { a64_vh_sqrshl,   0xf, 0xf },
    [1][0x0b] = { a64_vh_uqrshl,   0xf, 0xf },
    [0][0x0c] = { a64_vh_smax,     0x7, 0x0 },
    [1][0x0c] = { a64_vh_umax,     0x7, 0x0 },
    [0][0x0d] = { a64_vh_smin,     0x7, 0x0 },
    [1][0x0d] = { a64_vh_umin,     0x7, 0x0 },
    [0][0x0e] = { a64_vh_sabd,     0x7, 0x0 },
    [1][0x0e] = { a64_vh_uabd,     0x7, 0x0 },
    [0][0x0f] = { a64_vh_saba,     0x7, 0x0 },
    [1][0x0f] = { a64_vh_uaba,     0x7, 0x0 },
    [0][0x12] = { a64_vh_mla,      0x7, 0x0 },
    [1][0x12] = { a64_vh_mls,      0x7, 0x0 },
    [0][0x13] = { a64_vh_mul,      0x7, 0x0 },
    [1][0x13] = { a64_vh_pmul,     0x1, 0x0 },
    [0][0x14] = { a64_vh_smaxp,    0x7, 0x0 },
    [1][0x14] = { a64_vh_umaxp,    0x7, 0x0 },
    [0][0x15] = { a64_vh_sminp,    0x7, 0x0 },
    [1][0x15] = { a64_vh_uminp,    0x7, 0x0 },
    [0][0x16] = { a64_vh_sqdmulh,  0x6, 0x6 },
    [1][0x16] = { a64_vh_sqrdmulh, 0x6, 0x6 },
    [0][0x17] = { a64_vh_addp,     0xf, 0x0 },
};

/* is size sz allocated for this vector (Q) / scalar form */
static bool size_ok(uint32_t insn, unsigned vsz, unsigned ssz)
{
    unsigned sz = f_size(insn);
    if (f_scalar(insn))
        return (ssz >> sz) & 1;
    return ((vsz >> sz) & 1) && !(sz == 3 && !f_q(insn));
}

/* AND/BIC/ORR/ORN (U = 0), EOR/BSL/BIT/BIF (U = 1), selected by size */
static const half_op logic_ops[2][4] = {
    { h_and, h_bic, h_orr, h_orn },
    { h_eor, h_bsl, h_bit, h_bif },
};

static bool trans_3same(struct a64_ctx *s, uint32_t insn)
{
    unsigned u = f_u(insn), opc = a64_bits(insn, 11, 5), sz = f_size(insn);
    bool scalar = f_scalar(insn);
    /* scalars are D-sized and use the low half only */
    unsigned q = scalar ? 0 : f_q(insn);
    if (opc == 0x03) {
        if (scalar)
            return false;
        if (!u && sz == 2 && A64_RN(insn) == A64_RM(insn))
            gen_halves(s, insn, q, 0, h_mov, 0);
        else
            gen_halves(s, insn, q, 0, logic_ops[u][sz], USE_M | (u && sz ? USE_D : 0));
        return true;
    }
    half_op op = NULL;
    switch (opc) {
    case 0x06: op = u ? h_cmhi : h_cmgt; break;
    case 0x07: op = u ? h_cmhs : h_cmge; break;
    case 0x10: op = u ? h_sub : h_add; break;
    case 0x11: op = u ? h_cmeq : h_cmtst; break;
    }
    if (op) {  /* all vector sizes, scalar D */
        if (!size_ok(insn, 0xf, 0x8))
            return false;
        gen_halves(s, insn, q, sz, op, USE_M);
        return true;
    }
    if (!scalar && sz == 0 && (u ? opc == 0x14 || opc == 0x15 : opc == 0x17)) {
        gen_pairwise_bytes(s, insn, opc == 0x17 ? PAIR_ADD : opc == 0x14 ? PAIR_UMAX : PAIR_UMIN);
        return true;
    }
    if (opc >= 24)
        return false;
    const struct vh_row *r = &three_same[u][opc];
    if (!r->fn || !size_ok(insn, r->vsz, r->ssz))
        return false;
    gen_vh(s, r->fn, insn);
    return true;
}

/* ---- two-register misc ---- */

/* [U][opcode], as three_same. Opcode 5 U = 1 is NOT (size 0, inline) or
 * RBIT (size 1); opcode 9 U = 0 (CMEQ #0) and 11 U = 1 (NEG) are inline. */
static const struct vh_row two_misc[2][21] = {
    /* [U][opcode]          helper              vsz   ssz */
    [0][0x00] = { a64_vh_rev,     0x7, 0x0 },  /* REV64 */
    [1][0x00] = { a64_vh_rev,     0x3, 0x0 },  /* REV32 */
    [0][0x01] = { a64_vh_rev,     0x1, 0x0 },  /* REV16 */
    [0][0x02] = { a64_vh_saddlp,  0x7, 0x0 },
    [1][0x02] = { a64_vh_uaddlp,  0x7, 0x0 },
    [0][0x03] = { a64_vh_suqadd,  0xf, 0xf },
    [1][0x03] = { a64_vh_usqadd,  0xf, 0xf },
    [0][0x04] = { a64_vh_cls,     0x7, 0x0 },
    [1][0x04] = { a64_vh_clz,     0x7, 0x0 },
    [0][0x05] = { a64_vh_cnt,     0x1, 0x0 },
    [1][0x05] = { a64_vh_rbit,    0x2, 0x0 },
    [0][0x06] = { a64_vh_sadalp,  0x7, 0x0 },
    [1][0x06] = { a64_vh_uadalp,  0x7, 0x0 },
    [0][0x07] = { a64_vh_sqabs,   0xf, 0xf },
    [1][0x07] = { a64_vh_sqneg,   0xf, 0xf },
    [0][0x08] = { a64_vh_cmgt0,   0xf, 0x8 },
    [1][0x08] = { a64_vh_cmge0,   0xf, 0x8 },
    [1][0x09] = { a64_vh_cmle0,   0xf, 0x8 },
    [0][0x0a] = { a64_vh_cmlt0,   0xf, 0x8 },
    [0][0x0b] = { a64_vh_abs,     0xf, 0x8 },
    [0][0x12] = { a64_vh_xtn,     0x7, 0x0 },
    [1][0x12] = { a64_vh_sqxtun,  0x7, 0x7 },
    [1][0x13] = { a64_vh_shll,    0x7, 0x0 },
    [0][0x14] = { a64_vh_sqxtn,   0x7, 0x7 },
    [1][0x14] = { a64_vh_uqxtn,   0x7, 0x7 },
};

/* the narrowing ops name their destination size; Q selects the "2" form, so
 * the size-3-needs-Q rule of size_ok does not apply (size 3 is reserved) */
static bool trans_2misc(struct a64_ctx *s, uint32_t insn)
{
    unsigned u = f_u(insn), opc = a64_bits(insn, 12, 5), sz = f_size(insn);
    bool scalar = f_scalar(insn);
    unsigned q = scalar ? 0 : f_q(insn);
    if (u && opc == 0x05 && sz == 0 && !scalar) {
        gen_halves(s, insn, q, 0, h_not, 0);
        return true;
    }
    if ((!u && opc == 0x09) || (u && opc == 0x0b)) {
        if (!size_ok(insn, 0xf, 0x8))
            return false;
        gen_halves(s, insn, q, sz, u ? h_neg : h_cmeq0, 0);
        return true;
    }
    if (opc > 0x14)
        return false;
    const struct vh_row *r = &two_misc[u][opc];
    if (!r->fn || !size_ok(insn, r->vsz, r->ssz))
        return false;
    gen_vh(s, r->fn, insn);
    return true;
}

/* ---- across lanes, scalar pairwise ---- */

static bool trans_across(struct a64_ctx *s, uint32_t insn)
{
    unsigned u = f_u(insn), opc = a64_bits(insn, 12, 5), sz = f_size(insn);
    a64_vh_fn fn;
    switch (opc) {
    case 0x03: fn = u ? a64_vh_uaddlv : a64_vh_saddlv; break;
    case 0x0a: fn = u ? a64_vh_umaxv : a64_vh_smaxv; break;
    case 0x1a: fn = u ? a64_vh_uminv : a64_vh_sminv; break;
    case 0x1b: fn = u ? NULL : a64_vh_addv; break;
    default: fn = NULL; break;  /* FP (FMAXV...) or unallocated */
    }
    /* 8B/16B/4H/8H/4S only */
    if (!fn || sz == 3 || (sz == 2 && !f_q(insn)))
        return false;
    gen_vh(s, fn, insn);
    return true;
}

/* ADDP Dd, Vn.2D: the two halves of Vn */
static bool trans_scalar_pair(struct a64_ctx *s, uint32_t insn)
{
    if (f_u(insn) || a64_bits(insn, 12, 5) != 0x1b || f_size(insn) != 3)
        return false;  /* the FP pairwise ones, or unallocated */
    int rn = A64_RN(insn);
    a64_set_vreg64(s, A64_RD(insn), gen_add(B, IR_I64, a64_get_vlo(s, rn), a64_get_vhi(s, rn)));
    return true;
}

/* ---- permutes ---- */

static bool trans_perm(struct a64_ctx *s, uint32_t insn)
{
    static const a64_vh_fn perm_ops[8] = {
        NULL, a64_vh_uzp1, a64_vh_trn1, a64_vh_zip1, NULL, a64_vh_uzp2, a64_vh_trn2, a64_vh_zip2,
    };
    a64_vh_fn fn = perm_ops[a64_bits(insn, 12, 3)];
    if (!fn || (f_size(insn) == 3 && !f_q(insn)))
        return false;
    gen_vh(s, fn, insn);
    return true;
}

static bool trans_tbl(struct a64_ctx *s, uint32_t insn)
{
    gen_vh(s, a64_vh_tbl, insn);
    return true;
}

/* 8 bytes at byte offset p of the little-endian words w[] */
static ir_ref gen_bytes_at(struct a64_ctx *s, const ir_ref *w, unsigned p)
{
    unsigned k = p / 8, r = (p % 8) * 8;
    if (!r)
        return w[k];
    return gen_or(B, IR_I64, gen_binop(B, IR_shr, IR_I64, w[k], cst(s, r)),
                  gen_binop(B, IR_shl, IR_I64, w[k + 1], cst(s, 64 - r)));
}

/* EXT: bytes imm4.. of the concatenation Vm:Vn */
static bool trans_ext(struct a64_ctx *s, uint32_t insn)
{
    unsigned q = f_q(insn), pos = a64_bits(insn, 11, 4);
    int rd = A64_RD(insn), rn = A64_RN(insn), rm = A64_RM(insn);
    if (!q && pos >= 8)
        return false;
    ir_ref w[4];
    if (q) {
        w[0] = a64_get_vlo(s, rn);
        w[1] = a64_get_vhi(s, rn);
        w[2] = a64_get_vlo(s, rm);
        w[3] = a64_get_vhi(s, rm);
        ir_ref lo = gen_bytes_at(s, w, pos), hi = gen_bytes_at(s, w, pos + 8);
        a64_set_vlo(s, rd, lo);
        a64_set_vhi(s, rd, hi);
    } else {
        w[0] = a64_get_vlo(s, rn);
        w[1] = pos ? a64_get_vlo(s, rm) : 0;
        a64_set_vreg64(s, rd, gen_bytes_at(s, w, pos));
    }
    return true;
}

/* ---- copies ---- */

/* imm5 = index:1:0...0 names the element size (trailing zeros) and index */
static bool imm5_lane(uint32_t insn, unsigned *sz, unsigned *idx)
{
    unsigned imm5 = a64_bits(insn, 16, 5);
    if (!(imm5 & 15))
        return false;
    *sz = (unsigned)__builtin_ctz(imm5);
    *idx = imm5 >> (*sz + 1);
    return true;
}

/* the element zero-extended */
static ir_ref gen_get_lane(struct a64_ctx *s, int r, unsigned sz, unsigned idx)
{
    unsigned bit = idx << (sz + 3);
    ir_ref v = gen_get(B, IR_I64, CPU_VREG(r, bit >> 6));
    if (bit & 63)
        v = gen_binop(B, IR_shr, IR_I64, v, cst(s, bit & 63));
    static const enum ir_opc zext[3] = { IR_zext8, IR_zext16, IR_zext32 };
    return sz < 3 ? gen_unop(B, zext[sz], IR_I64, v) : v;
}

/* element idx of Vd = v (v's bits above the element are ignored); the rest
 * of Vd is kept */
static void gen_set_lane(struct a64_ctx *s, int r, unsigned sz, unsigned idx, ir_ref v)
{
    unsigned bit = idx << (sz + 3), sh = bit & 63;
    int32_t off = CPU_VREG(r, bit >> 6);
    if (sz == 3) {
        gen_set(B, IR_I64, off, v);
        return;
    }
    static const enum ir_opc zext[3] = { IR_zext8, IR_zext16, IR_zext32 };
    uint64_t mask = ((1ull << (8u << sz)) - 1) << sh;
    ir_ref x = gen_unop(B, zext[sz], IR_I64, v);
    if (sh)
        x = gen_binop(B, IR_shl, IR_I64, x, cst(s, sh));
    ir_ref old = gen_and(B, IR_I64, gen_get(B, IR_I64, off), cst(s, ~mask));
    gen_set(B, IR_I64, off, gen_or(B, IR_I64, old, x));
}

/* a zero-extended element copied into every lane of a 64-bit word */
static ir_ref gen_replicate(struct a64_ctx *s, unsigned sz, ir_ref v)
{
    static const uint64_t ones[3] = { 0x0101010101010101ull, 0x0001000100010001ull,
                                      0x0000000100000001ull };
    return sz == 3 ? v : gen_binop(B, IR_mul, IR_I64, v, cst(s, ones[sz]));
}

static void gen_dup(struct a64_ctx *s, int rd, unsigned q, ir_ref word)
{
    a64_set_vlo(s, rd, word);
    a64_set_vhi(s, rd, q ? word : cst(s, 0));
}

static bool trans_copy(struct a64_ctx *s, uint32_t insn)
{
    unsigned q = f_q(insn), op = f_u(insn), imm4 = a64_bits(insn, 11, 4), sz, idx;
    int rd = A64_RD(insn), rn = A64_RN(insn);
    if (!imm5_lane(insn, &sz, &idx))
        return false;
    if (op) {  /* INS (element): Vd[idx] = Vn[imm4 >> sz] */
        if (!q)
            return false;
        gen_set_lane(s, rd, sz, idx, gen_get_lane(s, rn, sz, imm4 >> sz));
        return true;
    }
    static const enum ir_opc sext[3] = { IR_sext8, IR_sext16, IR_sext32 };
    switch (imm4) {
    case 0x0:  /* DUP (element) */
        if (sz == 3 && !q)
            return false;
        gen_dup(s, rd, q, gen_replicate(s, sz, gen_get_lane(s, rn, sz, idx)));
        return true;
    case 0x1: {  /* DUP (general) */
        static const enum ir_opc zext[3] = { IR_zext8, IR_zext16, IR_zext32 };
        if (sz == 3 && !q)
            return false;
        ir_ref x = a64_get_x(s, rn);
        if (sz < 3)
            x = gen_unop(B, zext[sz], IR_I64, x);
        gen_dup(s, rd, q, gen_replicate(s, sz, x));
        return true;
    }
    case 0x3:  /* INS (general) */
        if (!q)
            return false;
        gen_set_lane(s, rd, sz, idx, a64_get_x(s, rn));
        return true;
    case 0x5:  /* SMOV: W from B/H, X from B/H/S */
        if (sz >= 2 + q)
            return false;
        a64_set_sf(s, (int)q, rd, gen_unop(B, sext[sz], IR_I64, gen_get_lane(s, rn, sz, idx)));
        return true;
    case 0x7:  /* UMOV: W from B/H/S, X from D */
        if (q ? sz != 3 : sz == 3)
            return false;
        a64_set_x(s, rd, gen_get_lane(s, rn, sz, idx));
        return true;
    default:
        return false;
    }
}

/* DUP (element, scalar) = MOV Bd/Hd/Sd/Dd, Vn.T[idx] */
static bool trans_scalar_copy(struct a64_ctx *s, uint32_t insn)
{
    unsigned sz, idx;
    if (f_u(insn) || a64_bits(insn, 11, 4) != 0 || !imm5_lane(insn, &sz, &idx))
        return false;
    a64_set_vreg64(s, A64_RD(insn), gen_get_lane(s, A64_RN(insn), sz, idx));
    return true;
}

/* ---- modified immediate ---- */

static uint64_t rep32(uint64_t x) { return x << 32 | x; }
static uint64_t rep16(uint64_t x) { return rep32(x << 16 | x); }

/* AdvSIMDExpandImm(op, cmode, imm8) for the integer and FP32/FP64 cmodes */
static uint64_t expand_imm(unsigned op, unsigned cmode, uint64_t imm8)
{
    uint64_t a = imm8 >> 7, b = (imm8 >> 6) & 1, cdefgh = imm8 & 0x3f, r = 0;
    switch (cmode >> 1) {
    case 0: return rep32(imm8);
    case 1: return rep32(imm8 << 8);
    case 2: return rep32(imm8 << 16);
    case 3: return rep32(imm8 << 24);
    case 4: return rep16(imm8);
    case 5: return rep16(imm8 << 8);
    case 6: return (cmode & 1) ? rep32(imm8 << 16 | 0xffff) : rep32(imm8 << 8 | 0xff);
    default:
        if (!(cmode & 1) && !op)   /* MOVI 8-bit */
            return rep16(imm8 << 8 | imm8);
        if (!(cmode & 1)) {        /* MOVI 64-bit: one byte per imm8 bit */
            for (int i = 0; i < 8; i++)
                if ((imm8 >> i) & 1)
                    r |= 0xffull << (8 * i);
            return r;
        }
        if (!op)                   /* FMOV single: a:~b:bbbbb:cdefgh:0{19} */
            return rep32(a << 31 | (b ^ 1) << 30 | (b ? 0x1full << 25 : 0) | cdefgh << 19);
        /* FMOV double: a:~b:b{8}:cdefgh:0{48} */
        return a << 63 | (b ^ 1) << 62 | (b ? 0xffull << 54 : 0) | cdefgh << 48;
    }
}

static bool trans_modimm(struct a64_ctx *s, uint32_t insn)
{
    unsigned q = f_q(insn), op = f_u(insn), cmode = a64_bits(insn, 12, 4);
    int rd = A64_RD(insn);
    if (a64_bits(insn, 11, 1))   /* o2: FMOV half precision (FP16), not provided */
        return false;
    if (op && cmode == 15 && !q) /* FMOV Vd.1D does not exist */
        return false;
    uint64_t imm8 = a64_bits(insn, 16, 3) << 5 | a64_bits(insn, 5, 5);
    uint64_t imm = expand_imm(op, cmode, imm8);
    /* ORR (op 0) / BIC (op 1): cmode 0xx1 and 10x1 */
    if (cmode < 12 && (cmode & 1)) {
        ir_ref r[2];
        for (unsigned h = 0; h <= q; h++) {
            ir_ref v = gen_get(B, IR_I64, CPU_VREG(rd, h));
            r[h] = op ? gen_and(B, IR_I64, v, cst(s, ~imm)) : gen_or(B, IR_I64, v, cst(s, imm));
        }
        a64_set_vlo(s, rd, r[0]);
        a64_set_vhi(s, rd, q ? r[1] : cst(s, 0));
        return true;
    }
    /* MVNI: op 1 with the 32/16-bit cmodes */
    if (op && cmode < 14)
        imm = ~imm;
    gen_dup(s, rd, q, cst(s, imm));
    return true;
}

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_simd_patterns[] = {
    /* vector: 0 Q U 0111x ... */
    { 0x9f200400, 0x0e200400, A64_F_SIMD, "asimd_3same",     trans_3same },
    { 0x9f3e0c00, 0x0e200800, A64_F_SIMD, "asimd_2misc",     trans_2misc },
    { 0x9f3e0c00, 0x0e300800, A64_F_SIMD, "asimd_across",    trans_across },
    { 0xbf208c00, 0x0e000800, A64_F_SIMD, "asimd_perm",      trans_perm },
    { 0xbfe08c00, 0x0e000000, A64_F_SIMD, "asimd_tbl",       trans_tbl },
    { 0xbfe08400, 0x2e000000, A64_F_SIMD, "asimd_ext",       trans_ext },
    { 0x9fe08400, 0x0e000400, A64_F_SIMD, "asimd_copy",      trans_copy },
    { 0x9ff80400, 0x0f000400, A64_F_SIMD, "asimd_modimm",    trans_modimm },
    /* scalar: 01 U 11110 ... */
    { 0xdf200400, 0x5e200400, A64_F_SIMD, "asimd_s3same",    trans_3same },
    { 0xdf3e0c00, 0x5e200800, A64_F_SIMD, "asimd_s2misc",    trans_2misc },
    { 0xdf3e0c00, 0x5e300800, A64_F_SIMD, "asimd_spairwise", trans_scalar_pair },
    { 0xdfe08400, 0x5e000400, A64_F_SIMD, "asimd_scopy",     trans_scalar_copy },
    { 0, 0, 0, NULL, NULL },
};
