/* trans_simd2.c — AdvSIMD shifts by immediate, "three different" (widening,
 * narrowing, PMULL) and integer "x indexed element", vector and scalar.
 *
 * Each insn is decoded here (element size, shift amount, element index,
 * reserved encodings). The common ones are built inline as 64-bit word
 * operations with lane masks: the plain and rounding shifts, SHL, SLI, SRI,
 * SHRN/RSHRN, SSHLL/USHLL, and the widening add/sub/multiply(-accumulate)
 * of 16- and 32-bit lanes (vector and by element). Everything else becomes one
 * IR_CALL_RW_VEC call of a helper in simd2_shift.c / simd2_long.c that does
 * the lane arithmetic.
 *
 * Invariants:
 *  - rows are tried after the FP, SIMD-FP and integer SIMD tables; they match
 *    whole classes, and the handlers decline (before building IR) every
 *    encoding that is reserved or owned by another table: modified immediate
 *    (immh = 0000), fixed-point conversions (shift opcodes 11100/11111), FP
 *    and dot-product by-element forms. What nobody takes SIGILLs;
 *  - PMULL of 64-bit lanes needs A64_F_PMULL, SQRDMLAH/SQRDMLSH A64_F_RDM;
 *  - the 64-bit PMULL uses the host's PCLMULQDQ when present; both helpers
 *    compute the same function.
 */
#include <sys/platform/x86.h>

#include "frontends/aarch64/a64_internal.h"
#include "frontends/aarch64/simd2_helpers.h"

#define B (s->b)

typedef uint64_t (*vec_helper)(struct cpu *, uint64_t, uint64_t, uint64_t, uint64_t);

static void gen_vec_call(struct a64_ctx *s, vec_helper fn, uint32_t insn, uint64_t a1, uint64_t a2)
{
    gen_call(B, (void *)fn, IR_CALL_RW_VEC, 3, gen_const(B, insn), gen_const(B, (int64_t)a1),
             gen_const(B, (int64_t)a2), 0);
}

/* ---- shift by immediate: 0 Q U 011110 immh immb opcode 1 Rn Rd (vector),
 *      01 U 111110 immh immb opcode 1 Rn Rd (scalar) ---- */

/* The plain shifts (SHL, [SU]SHR, [SU]SRA, SRI, SLI) are the hot ones in
 * crypto and hashing loops, so they are built inline on each 64-bit half as
 * whole-word shifts with lane masks instead of a helper call. */

static ir_ref cst(struct a64_ctx *s, uint64_t v)
{
    return gen_const(B, (int64_t)v);
}
static uint64_t lane_ones(unsigned e)
{
    return e >= 64 ? ~0ull : (1ull << e) - 1;
}
static uint64_t ushr_const(uint64_t v, unsigned sh)
{
    return sh >= 64 ? 0 : v >> sh;
}
/* v (an e-bit value) in every e-bit lane of a word */
static uint64_t rep_lanes(uint64_t v, unsigned e)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 64; i += e)
        r |= v << i;
    return r;
}

/* every lane shifted right logically by 1..e */
static ir_ref gen_lanes_ushr(struct a64_ctx *s, ir_ref x, unsigned e, unsigned sh)
{
    if (sh >= e)
        return cst(s, 0);
    ir_ref t = gen_binop(B, IR_shr, IR_I64, x, cst(s, sh));
    return e == 64 ? t : gen_and(B, IR_I64, t, cst(s, rep_lanes(lane_ones(e) >> sh, e)));
}
/* every lane shifted left by 0..e-1 */
static ir_ref gen_lanes_shl(struct a64_ctx *s, ir_ref x, unsigned e, unsigned sh)
{
    if (sh == 0)
        return x;
    ir_ref t = gen_binop(B, IR_shl, IR_I64, x, cst(s, sh));
    return e == 64 ? t : gen_and(B, IR_I64, t, cst(s, rep_lanes(lane_ones(e) << sh & lane_ones(e), e)));
}
/* every lane shifted right arithmetically by 1..e: the logical shift, then
 * the top sh bits of each negative lane filled by multiplying its sign bit
 * (moved to bit 0 of the lane) by that lane-sized mask */
static ir_ref gen_lanes_sshr(struct a64_ctx *s, ir_ref x, unsigned e, unsigned sh)
{
    if (e == 64)
        return gen_binop(B, IR_sar, IR_I64, x, cst(s, sh > 63 ? 63 : sh));
    ir_ref signs = gen_and(B, IR_I64, gen_binop(B, IR_shr, IR_I64, x, cst(s, e - 1)),
                           cst(s, rep_lanes(1, e)));
    ir_ref fill = gen_binop(B, IR_mul, IR_I64, signs, cst(s, lane_ones(e) << (e - sh) & lane_ones(e)));
    return sh >= e ? fill : gen_or(B, IR_I64, gen_lanes_ushr(s, x, e, sh), fill);
}
/* lane-wise a + b: add without the top bit of each lane, then put the
 * top bits' sum back with xor so no carry crosses a lane */
static ir_ref gen_lanes_add(struct a64_ctx *s, ir_ref a, ir_ref b, unsigned e)
{
    if (e == 64)
        return gen_add(B, IR_I64, a, b);
    uint64_t top = rep_lanes(1ull << (e - 1), e);
    ir_ref low = gen_add(B, IR_I64, gen_and(B, IR_I64, a, cst(s, ~top)), gen_and(B, IR_I64, b, cst(s, ~top)));
    return gen_xor(B, IR_I64, low, gen_and(B, IR_I64, gen_xor(B, IR_I64, a, b), cst(s, top)));
}

/* lane-wise a - b: the top bit of each a lane set and of each b lane
 * cleared, so no borrow crosses a lane; the top bits fixed with xor */
static ir_ref gen_lanes_sub(struct a64_ctx *s, ir_ref a, ir_ref b, unsigned e)
{
    if (e == 64)
        return gen_sub(B, IR_I64, a, b);
    uint64_t top = rep_lanes(1ull << (e - 1), e);
    ir_ref diff = gen_sub(B, IR_I64, gen_or(B, IR_I64, a, cst(s, top)), gen_and(B, IR_I64, b, cst(s, ~top)));
    ir_ref fix = gen_and(B, IR_I64, gen_xor(B, IR_I64, a, gen_unop(B, IR_not, IR_I64, b)), cst(s, top));
    return gen_xor(B, IR_I64, diff, fix);
}

/* SSHR/USHR (op 00000), SSRA/USRA (00010), SRSHR/URSHR (00100), SRSRA/URSRA
 * (00110), SRI (01000), SHL/SLI (01010) on the halves the insn uses; Q = 0
 * and scalar (D) forms clear bits 127:64. A rounding shift by sh is the plain
 * shift plus bit sh-1 of the lane, a sum that cannot leave the lane. */
static void gen_shift_inline(struct a64_ctx *s, uint32_t insn, unsigned op, unsigned sz, unsigned sh)
{
    unsigned e = 8u << sz, halves = !a64_bits(insn, 28, 1) && a64_bits(insn, 30, 1) ? 2 : 1;
    bool u = a64_bits(insn, 29, 1);
    int rd = A64_RD(insn), rn = A64_RN(insn);
    ir_ref res[2];
    for (unsigned h = 0; h < halves; h++) {
        ir_ref x = h ? a64_get_vhi(s, rn) : a64_get_vlo(s, rn), r;
        switch (op) {
        case 0x00: case 0x02: case 0x04: case 0x06:
            r = u ? gen_lanes_ushr(s, x, e, sh) : gen_lanes_sshr(s, x, e, sh);
            if (op & 0x04) {
                ir_ref rbit = gen_and(B, IR_I64, gen_binop(B, IR_shr, IR_I64, x, cst(s, sh - 1)),
                                      cst(s, rep_lanes(1, e)));
                r = gen_lanes_add(s, r, rbit, e);
            }
            if (op & 0x02)
                r = gen_lanes_add(s, h ? a64_get_vhi(s, rd) : a64_get_vlo(s, rd), r, e);
            break;
        case 0x08:  /* SRI: Vd keeps the top sh bits of each lane */
            r = gen_lanes_ushr(s, x, e, sh);
            if (sh)
                r = gen_or(B, IR_I64, r, gen_and(B, IR_I64, h ? a64_get_vhi(s, rd) : a64_get_vlo(s, rd),
                                                 cst(s, rep_lanes(~ushr_const(lane_ones(e), sh) & lane_ones(e), e))));
            break;
        default:    /* SHL; SLI: Vd keeps the low sh bits of each lane */
            r = gen_lanes_shl(s, x, e, sh);
            if (u && sh)
                r = gen_or(B, IR_I64, r, gen_and(B, IR_I64, h ? a64_get_vhi(s, rd) : a64_get_vlo(s, rd),
                                                 cst(s, rep_lanes(lane_ones(sh), e))));
            break;
        }
        res[h] = r;
    }
    a64_set_vlo(s, rd, res[0]);
    a64_set_vhi(s, rd, halves == 2 ? res[1] : cst(s, 0));
}

/* SSHLL/USHLL (SXTL/UXTL): the Q-selected half of Vn, each e-bit lane moved
 * to a 2e-bit lane (spread by shifts and masks), sign-filled by multiplying
 * the lane's sign bit by the mask of the bits above it, then shifted */
static void gen_shll_inline(struct a64_ctx *s, uint32_t insn, unsigned sz, unsigned sh)
{
    unsigned e = 8u << sz, w = 2 * e;
    bool sign = !a64_bits(insn, 29, 1);
    int rn = A64_RN(insn);
    ir_ref x = a64_bits(insn, 30, 1) ? a64_get_vhi(s, rn) : a64_get_vlo(s, rn), res[2];
    for (unsigned h = 0; h < 2; h++) {
        ir_ref t = h ? gen_binop(B, IR_shr, IR_I64, x, cst(s, 32)) : x;
        if (e == 32) {
            t = gen_unop(B, sign ? IR_sext32 : IR_zext32, IR_I64, t);
        } else {
            t = gen_unop(B, IR_zext32, IR_I64, t);
            t = gen_and(B, IR_I64, gen_or(B, IR_I64, t, gen_binop(B, IR_shl, IR_I64, t, cst(s, 16))),
                        cst(s, 0x0000ffff0000ffffull));
            if (e == 8)
                t = gen_and(B, IR_I64, gen_or(B, IR_I64, t, gen_binop(B, IR_shl, IR_I64, t, cst(s, 8))),
                            cst(s, 0x00ff00ff00ff00ffull));
            if (sign) {
                ir_ref sbit = gen_and(B, IR_I64, t, cst(s, rep_lanes(1ull << (e - 1), w)));
                t = gen_or(B, IR_I64, t, gen_binop(B, IR_mul, IR_I64, sbit, cst(s, (1ull << (e + 1)) - 2)));
            }
        }
        if (sh) {
            t = gen_binop(B, IR_shl, IR_I64, t, cst(s, sh));
            /* sign-filled lanes push bits into the lane above */
            if (sign && e < 32)
                t = gen_and(B, IR_I64, t, cst(s, rep_lanes(lane_ones(w) << sh & lane_ones(w), w)));
        }
        res[h] = t;
    }
    a64_set_vlo(s, A64_RD(insn), res[0]);
    a64_set_vhi(s, A64_RD(insn), res[1]);
}

/* SHRN/RSHRN(2): each 2e-bit lane of Vn shifted right by sh (1..e), plus bit
 * sh-1 when rounding, then the low e bits of the lanes packed together by
 * folding the word onto itself; the 64-bit result goes to the Q-selected
 * half of Vd */
static void gen_shrn_inline(struct a64_ctx *s, uint32_t insn, unsigned sz, unsigned sh, bool round)
{
    unsigned e = 8u << sz, w = 2 * e;
    int rd = A64_RD(insn), rn = A64_RN(insn);
    ir_ref part[2];
    for (unsigned h = 0; h < 2; h++) {
        ir_ref x = h ? a64_get_vhi(s, rn) : a64_get_vlo(s, rn);
        ir_ref t = gen_lanes_ushr(s, x, w, sh);
        if (round)
            t = gen_lanes_add(s, t, gen_and(B, IR_I64, gen_binop(B, IR_shr, IR_I64, x, cst(s, sh - 1)),
                                            cst(s, rep_lanes(1, w))), w);
        if (e == 32) {
            t = gen_unop(B, IR_zext32, IR_I64, t);
        } else {
            t = gen_and(B, IR_I64, t, cst(s, rep_lanes(lane_ones(e), w)));
            if (e == 8)
                t = gen_and(B, IR_I64, gen_or(B, IR_I64, t, gen_binop(B, IR_shr, IR_I64, t, cst(s, 8))),
                            cst(s, 0x0000ffff0000ffffull));
            t = gen_unop(B, IR_zext32, IR_I64, gen_or(B, IR_I64, t, gen_binop(B, IR_shr, IR_I64, t, cst(s, 16))));
        }
        part[h] = t;
    }
    ir_ref r = gen_or(B, IR_I64, part[0], gen_binop(B, IR_shl, IR_I64, part[1], cst(s, 32)));
    if (a64_bits(insn, 30, 1)) {
        a64_set_vhi(s, rd, r);
    } else {
        a64_set_vlo(s, rd, r);
        a64_set_vhi(s, rd, cst(s, 0));
    }
}

static bool trans_shift_imm(struct a64_ctx *s, uint32_t insn)
{
    unsigned immh = a64_bits(insn, 19, 4), immhb = a64_bits(insn, 16, 7);
    unsigned op = a64_bits(insn, 11, 5);
    bool u = a64_bits(insn, 29, 1), q = a64_bits(insn, 30, 1), scalar = a64_bits(insn, 28, 1);
    if (immh == 0)
        return false;  /* vector: modified immediate; scalar: unallocated */
    unsigned sz = 31 - (unsigned)__builtin_clz(immh), esize = 8u << sz;
    unsigned rsh = 2 * esize - immhb, lsh = immhb - esize;
    vec_helper fn = NULL;  /* NULL: built inline */
    unsigned sh;
    bool same_width = true;
    switch (op) {
    case 0x00: case 0x02: case 0x04: case 0x06:  /* [SU]SHR, [SU]SRA, [SU]RSHR, [SU]RSRA */
        sh = rsh;
        break;
    case 0x08:  /* SRI */
        if (!u)
            return false;
        sh = rsh;
        break;
    case 0x0a:  /* SHL, SLI */
        sh = lsh;
        break;
    case 0x0c:  /* SQSHLU */
        if (!u)
            return false;
        fn = a64_helper_qshl_imm, sh = lsh;
        break;
    case 0x0e:  /* SQSHL, UQSHL */
        fn = a64_helper_qshl_imm, sh = lsh;
        break;
    case 0x10: case 0x11:  /* SHRN, RSHRN (vector only); SQSHRUN, SQRSHRUN */
        if (scalar && !u)
            return false;
        if (!u) {
            if (immh & 8)
                return false;
            gen_shrn_inline(s, insn, sz, rsh, op & 1);
            return true;
        }
        /* fall through */
    case 0x12: case 0x13:  /* SQSHRN, SQRSHRN; UQSHRN, UQRSHRN */
        if (immh & 8)
            return false;
        fn = a64_helper_shrn_imm, sh = rsh, same_width = false;
        break;
    case 0x14:  /* SSHLL, USHLL (vector only) */
        if (scalar || (immh & 8))
            return false;
        gen_shll_inline(s, insn, sz, lsh);
        return true;
    default:  /* 11100 / 11111: fixed-point conversions (FP table); rest unallocated */
        return false;
    }
    if (same_width) {
        /* scalar forms other than the saturating shifts exist only for D;
         * a vector of one 64-bit lane (Q = 0) is reserved */
        if (scalar ? (sz != 3 && op < 0x0c) : (sz == 3 && !q))
            return false;
    }
    if (fn)
        gen_vec_call(s, fn, insn, sz, sh);
    else
        gen_shift_inline(s, insn, op, sz, sh);
    return true;
}

/* ---- widening add/sub/multiply of 16- and 32-bit lanes, inline: each
 * 64-bit half of the result is two 32-bit lanes or one 64-bit lane, built
 * from lanes extracted with a shift and an extension ---- */

enum widen_op { W_ADD, W_ADDW, W_SUB, W_SUBW, W_MLA, W_MLS, W_MUL };

/* lane i of e (16 or 32) bits of the word w, sign- or zero-extended */
static ir_ref gen_word_lane(struct a64_ctx *s, ir_ref w, unsigned e, unsigned i, bool sign)
{
    ir_ref t = i ? gen_binop(B, IR_shr, IR_I64, w, cst(s, e * i)) : w;
    if (e == 16)
        return gen_unop(B, sign ? IR_sext16 : IR_zext16, IR_I64, t);
    return gen_unop(B, sign ? IR_sext32 : IR_zext32, IR_I64, t);
}
/* the low 32 bits of lo and of hi as one word */
static ir_ref gen_pack32(struct a64_ctx *s, ir_ref lo, ir_ref hi)
{
    return gen_or(B, IR_I64, gen_unop(B, IR_zext32, IR_I64, lo), gen_binop(B, IR_shl, IR_I64, hi, cst(s, 32)));
}

/* [SU]ADDL/ADDW/SUBL/SUBW/MLAL/MLSL/MULL(2) of e = 16 << (sz - 1) bit lanes;
 * elem: the by-element operand (already extended) or 0 to take lanes of Vm */
static void gen_widen_inline(struct a64_ctx *s, uint32_t insn, enum widen_op op, unsigned sz, ir_ref elem)
{
    unsigned e = 8u << sz, per = 32 / e;  /* narrow lanes per result word */
    bool sign = !a64_bits(insn, 29, 1), part = a64_bits(insn, 30, 1);
    int rd = A64_RD(insn), rn = A64_RN(insn), rm = A64_RM(insn);
    bool wide_n = op == W_ADDW || op == W_SUBW;
    ir_ref nn = wide_n ? 0 : part ? a64_get_vhi(s, rn) : a64_get_vlo(s, rn);
    ir_ref mm = elem ? 0 : part ? a64_get_vhi(s, rm) : a64_get_vlo(s, rm);
    ir_ref res[2];
    for (unsigned h = 0; h < 2; h++) {
        ir_ref a[2], b[2], aw, bw;
        for (unsigned k = 0; k < per; k++) {
            b[k] = elem ? elem : gen_word_lane(s, mm, e, h * per + k, sign);
            if (!wide_n)
                a[k] = gen_word_lane(s, nn, e, h * per + k, sign);
        }
        switch (op) {
        case W_MUL: case W_MLA: case W_MLS: {
            ir_ref p0 = gen_binop(B, IR_mul, IR_I64, a[0], b[0]);
            ir_ref pw = per == 1 ? p0 : gen_pack32(s, p0, gen_binop(B, IR_mul, IR_I64, a[1], b[1]));
            if (op == W_MUL) {
                res[h] = pw;
            } else {
                ir_ref d = h ? a64_get_vhi(s, rd) : a64_get_vlo(s, rd);
                res[h] = op == W_MLA ? gen_lanes_add(s, d, pw, 2 * e) : gen_lanes_sub(s, d, pw, 2 * e);
            }
            break;
        }
        default:
            aw = wide_n ? (h ? a64_get_vhi(s, rn) : a64_get_vlo(s, rn))
                        : per == 1 ? a[0] : gen_pack32(s, a[0], a[1]);
            bw = per == 1 ? b[0] : gen_pack32(s, b[0], b[1]);
            res[h] = op == W_ADD || op == W_ADDW ? gen_lanes_add(s, aw, bw, 2 * e)
                                                 : gen_lanes_sub(s, aw, bw, 2 * e);
            break;
        }
    }
    a64_set_vlo(s, rd, res[0]);
    a64_set_vhi(s, rd, res[1]);
}

/* ---- three different: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd (vector),
 *      01 U 11110 size 1 Rm opcode 00 Rn Rd (scalar) ---- */

/* glibc's CPUID copy; see trans_crypto.c on __builtin_cpu_supports */
static bool host_has_pclmul(void)
{
    return CPU_FEATURE_ACTIVE(PCLMULQDQ);
}

static bool trans_3diff(struct a64_ctx *s, uint32_t insn)
{
    unsigned op = a64_bits(insn, 12, 4), size = a64_bits(insn, 22, 2);
    bool u = a64_bits(insn, 29, 1), scalar = a64_bits(insn, 28, 1);
    vec_helper fn;
    /* widening ops by opcode: [SU]ADDL, [SU]ADDW, [SU]SUBL, [SU]SUBW, -, [SU]ABAL,
     * -, [SU]ABDL, [SU]MLAL, -, [SU]MLSL, -, [SU]MULL */
    static const vec_helper long3[13] = {
        a64_helper_addl3, a64_helper_addw3, a64_helper_subl3, a64_helper_subw3, NULL,
        a64_helper_abal3, NULL, a64_helper_abdl3, a64_helper_mlal3, NULL, a64_helper_mlsl3,
        NULL, a64_helper_mull3,
    };
    /* the same, inline for 16- and 32-bit lanes */
    static const signed char widen[13] = {
        W_ADD, W_ADDW, W_SUB, W_SUBW, -1, -1, -1, -1, W_MLA, -1, W_MLS, -1, W_MUL,
    };
    switch (op) {
    case 0x0: case 0x1: case 0x2: case 0x3:
    case 0x5: case 0x7:
    case 0x8: case 0xa: case 0xc:
        if (scalar || size == 3)
            return false;
        if (size != 0 && widen[op] >= 0) {
            gen_widen_inline(s, insn, (enum widen_op)widen[op], size, 0);
            return true;
        }
        fn = long3[op];
        break;
    case 0x4: case 0x6:  /* ADDHN, RADDHN, SUBHN, RSUBHN */
        if (scalar || size == 3)
            return false;
        fn = a64_helper_hn3;
        break;
    case 0x9: case 0xb: case 0xd:  /* SQDMLAL, SQDMLSL, SQDMULL */
        if (u || size == 0 || size == 3)
            return false;
        fn = a64_helper_sqdml3;
        break;
    case 0xe:  /* PMULL */
        if (scalar || u)
            return false;
        if (size == 0) {
            fn = a64_helper_pmull8;
        } else if (size == 3 && (s->features & A64_F_PMULL)) {
            fn = host_has_pclmul() ? a64_helper_pmull64_clmul : a64_helper_pmull64;
        } else {
            return false;
        }
        break;
    default:
        return false;
    }
    gen_vec_call(s, fn, insn, 0, 0);
    return true;
}

/* ---- x indexed element (integer): 0 Q U 01111 size L M Rm opcode H 0 Rn Rd
 *      (vector), 01 U 11111 size L M Rm opcode H 0 Rn Rd (scalar) ---- */

static bool trans_elem(struct a64_ctx *s, uint32_t insn)
{
    unsigned op = a64_bits(insn, 12, 4), size = a64_bits(insn, 22, 2);
    bool u = a64_bits(insn, 29, 1), scalar = a64_bits(insn, 28, 1);
    if (size == 0 || size == 3)
        return false;  /* no integer form; FP forms (FP table) or reserved */
    unsigned hl = a64_bits(insn, 11, 1) << 1 | a64_bits(insn, 21, 1);
    unsigned idx = size == 1 ? hl << 1 | a64_bits(insn, 20, 1) : hl;
    vec_helper fn;
    switch (op) {
    case 0x8:  /* MUL (U = 0; U = 1 is FMULX) */
    case 0x0:  /* MLA (U = 1; U = 0 is FMLAL) */
    case 0x4:  /* MLS (U = 1; U = 0 is FMLSL) */
        if (scalar || u != (op != 0x8))
            return false;
        fn = a64_helper_mul_elem;
        break;
    case 0x2: case 0x6: case 0xa: {  /* [SU]MLAL, [SU]MLSL, [SU]MULL */
        if (scalar)
            return false;
        unsigned e = 8u << size, per_word = 64 / e;
        int rm = size == 1 ? (int)a64_bits(insn, 16, 4) : A64_RM(insn);
        ir_ref w = idx / per_word ? a64_get_vhi(s, rm) : a64_get_vlo(s, rm);
        ir_ref elem = gen_word_lane(s, w, e, idx % per_word, !u);
        gen_widen_inline(s, insn, op == 0x2 ? W_MLA : op == 0x6 ? W_MLS : W_MUL, size, elem);
        return true;
    }
    case 0x3: case 0x7: case 0xb:  /* SQDMLAL, SQDMLSL, SQDMULL (U = 1: FCMLA) */
        if (u)
            return false;
        fn = a64_helper_sqdml_elem;
        break;
    case 0xc:  /* SQDMULH */
        if (u)
            return false;
        fn = a64_helper_qdmulh_elem;
        break;
    case 0xd:  /* SQRDMULH; U = 1: SQRDMLAH */
        if (u && !(s->features & A64_F_RDM))
            return false;
        fn = a64_helper_qdmulh_elem;
        break;
    case 0xf:  /* SQRDMLSH */
        if (!u || !(s->features & A64_F_RDM))
            return false;
        fn = a64_helper_qdmulh_elem;
        break;
    default:   /* FP forms, dot products */
        return false;
    }
    gen_vec_call(s, fn, insn, idx, 0);
    return true;
}

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_simd2_patterns[] = {
    { 0x9f800400, 0x0f000400, A64_F_SIMD, "simd shift imm",        trans_shift_imm },
    { 0xdf800400, 0x5f000400, A64_F_SIMD, "simd scalar shift imm", trans_shift_imm },
    { 0x9f200c00, 0x0e200000, A64_F_SIMD, "simd three diff",       trans_3diff },
    { 0xdf200c00, 0x5e200000, A64_F_SIMD, "simd scalar three diff", trans_3diff },
    { 0x9f000400, 0x0f000000, A64_F_SIMD, "simd by element",       trans_elem },
    { 0xdf000400, 0x5f000000, A64_F_SIMD, "simd scalar by element", trans_elem },
    { 0, 0, 0, NULL, NULL },
};
