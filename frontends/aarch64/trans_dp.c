/* trans_dp.c — integer data processing, immediate group (op0 = 100x): ADR/ADRP,
 * add/sub immediate, logical immediate, move wide, bitfield (SBFM/BFM/UBFM
 * and all their aliases) and EXTR. The register group is in trans_dp_reg.c.
 *
 * Invariants:
 *  - sf = 0 forms compute in IR_I32 and write W results zero-extended; a
 *    value produced by an I32 op is already zero-extended (ir.h), so it is
 *    stored as is (set_res) instead of through another zext32;
 *  - operand 31 is SP only where the Arm ARM says so (add/sub immediate
 *    source and non-flag-setting destination, logical immediate non-flag-
 *    setting destination), else XZR;
 *  - every flag-setting form goes through the a64_flags_* builders;
 *  - reserved encodings (MTE add/sub with tags, bitmask immediates with no
 *    element size or an all-ones element, sf/N mismatches, imms >= 32 in W
 *    forms) have no accepting handler => SIGILL.
 */
#include "frontends/aarch64/a64_internal.h"

#define B (s->b)

static enum ir_type sf_type(uint32_t insn)
{
    return A64_SF(insn) ? IR_I64 : IR_I32;
}

static uint64_t ones(unsigned n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

/* write an X/W result; for W, v must come from an I32 op (so it is already
 * zero-extended) or be a constant below 2^32 */
static void set_res(struct a64_ctx *s, int rd, ir_ref v)
{
    a64_set_x(s, rd, v);
}

/* ---- PC-relative addressing ---- */

static bool trans_adr(struct a64_ctx *s, uint32_t insn)
{
    uint64_t imm = (uint64_t)a64_sbits(insn, 5, 19) << 2 | a64_bits(insn, 29, 2);
    uint64_t v;
    if (insn & (1u << 31))  /* ADRP */
        v = (s->pc & ~0xfffull) + (imm << 12);
    else
        v = s->pc + imm;
    a64_set_x(s, A64_RD(insn), gen_const(B, (int64_t)v));
    return true;
}

/* ---- add/subtract (immediate) ---- */

static bool trans_addsub_imm(struct a64_ctx *s, uint32_t insn)
{
    enum ir_type ty = sf_type(insn);
    bool sub = insn & (1u << 30), setf = insn & (1u << 29);
    uint64_t imm = a64_bits(insn, 10, 12);
    if (insn & (1u << 22))
        imm <<= 12;
    ir_ref a = a64_get_xsp(s, A64_RN(insn)), b = gen_const(B, (int64_t)imm), r;
    if (setf) {
        r = sub ? a64_flags_sub(s, ty, a, b) : a64_flags_add(s, ty, a, b);
        set_res(s, A64_RD(insn), r);
        return true;
    }
    if (imm == 0 && ty == IR_I64) {
        r = a;  /* MOV to/from SP */
    } else {
        r = gen_binop(B, sub ? IR_sub : IR_add, ty, a, b);
    }
    a64_set_xsp(s, A64_RD(insn), r);
    return true;
}

/* ---- logical (immediate) ---- */

/* DecodeBitMasks for the logical immediates: the element of 2^len bits holds
 * imms+1 ones rotated right by immr, replicated to 64 bits. False for the
 * reserved values (no element size, or an element of all ones). */
static bool decode_bit_mask(unsigned n, unsigned immr, unsigned imms, uint64_t *out)
{
    unsigned x = n << 6 | (~imms & 0x3f);
    if (x < 2)
        return false;  /* len < 1 */
    int len = 31 - __builtin_clz(x);
    unsigned levels = (1u << len) - 1, esize = 1u << len;
    unsigned sz = imms & levels, r = immr & levels;
    if (sz == levels)
        return false;
    uint64_t emask = ones(esize);
    uint64_t e = ones(sz + 1);
    if (r)
        e = ((e >> r) | (e << (esize - r))) & emask;
    for (unsigned w = esize; w < 64; w *= 2)
        e |= e << w;
    *out = e;
    return true;
}

static bool trans_logic_imm(struct a64_ctx *s, uint32_t insn)
{
    unsigned opc = a64_bits(insn, 29, 2), n = a64_bits(insn, 22, 1);
    uint64_t imm;
    if ((!A64_SF(insn) && n) ||
        !decode_bit_mask(n, a64_bits(insn, 16, 6), a64_bits(insn, 10, 6), &imm))
        return false;
    enum ir_type ty = sf_type(insn);
    if (ty == IR_I32)
        imm &= 0xffffffffu;
    int rd = A64_RD(insn), rn = A64_RN(insn);
    ir_ref a = a64_get_x(s, rn), b = gen_const(B, (int64_t)imm), r;
    static const enum ir_opc ops[4] = { IR_and, IR_or, IR_xor, IR_and };
    r = gen_binop(B, ops[opc], ty, a, b);
    if (opc == 3) {
        a64_flags_logic(s, ty, r);
        set_res(s, rd, r);
    } else {
        a64_set_xsp(s, rd, r);  /* an I32 result is already zero-extended */
    }
    return true;
}

/* ---- move wide (immediate) ---- */

static bool trans_movw(struct a64_ctx *s, uint32_t insn)
{
    unsigned opc = a64_bits(insn, 29, 2), hw = a64_bits(insn, 21, 2);
    if (opc == 1 || (!A64_SF(insn) && hw >= 2))
        return false;
    uint64_t imm = (uint64_t)a64_bits(insn, 5, 16) << (16 * hw);
    int rd = A64_RD(insn);
    switch (opc) {
    case 0: /* MOVN */
        imm = ~imm;
        if (!A64_SF(insn))
            imm &= 0xffffffffu;
        a64_set_x(s, rd, gen_const(B, (int64_t)imm));
        break;
    case 2: /* MOVZ */
        a64_set_x(s, rd, gen_const(B, (int64_t)imm));
        break;
    default: { /* MOVK */
        if (rd == 31)
            break;
        enum ir_type ty = sf_type(insn);
        ir_ref keep = gen_and(B, ty, a64_get_x(s, rd),
                              gen_const(B, (int64_t)~(0xffffull << (16 * hw))));
        set_res(s, rd, gen_or(B, ty, keep, gen_const(B, (int64_t)imm)));
        break;
    }
    }
    return true;
}

/* ---- bitfield ---- */

/* x sign-extended from bit `top` (top < width of ty), as a ty value (an I32
 * one zero-extended) */
static ir_ref sext_from(struct a64_ctx *s, enum ir_type ty, ir_ref x, unsigned top)
{
    unsigned w = ty == IR_I64 ? 64 : 32;
    if (top == w - 1)
        return ty == IR_I32 ? gen_unop(B, IR_zext32, IR_I64, x) : x;
    if (top == 7 || top == 15 || (top == 31 && ty == IR_I64)) {
        ir_ref v = gen_unop(B, top == 7 ? IR_sext8 : top == 15 ? IR_sext16 : IR_sext32, IR_I64, x);
        /* sext* are I64 ops: an I32 result needs its upper half cleared */
        return ty == IR_I32 ? gen_unop(B, IR_zext32, IR_I64, v) : v;
    }
    ir_ref sh = gen_const(B, w - 1 - top);
    return gen_binop(B, IR_sar, ty, gen_binop(B, IR_shl, ty, x, sh), sh);
}

/* the low n bits of x (0 < n < width), zero-extended, as a ty value */
static ir_ref zext_low(struct a64_ctx *s, enum ir_type ty, ir_ref x, unsigned n)
{
    if (n == 8)
        return gen_unop(B, IR_zext8, IR_I64, x);
    if (n == 16)
        return gen_unop(B, IR_zext16, IR_I64, x);
    if (n == 32)
        return gen_unop(B, IR_zext32, IR_I64, x);
    return gen_and(B, ty, x, gen_const(B, (int64_t)ones(n)));
}

/* SBFM (opc 0), BFM (1), UBFM (2) with R = immr, S = imms:
 *  S >= R: bits S..R of Rn go to the bottom of Rd (SBFX/UBFX/BFXIL, ASR/LSR,
 *          SXTB/SXTH/SXTW, UXTB/UXTH);
 *  S <  R: bits S..0 of Rn go to bit W-R of Rd (SBFIZ/UBFIZ/BFI, LSL).
 * SBFM sign-extends from the field's top bit, UBFM zero-fills, BFM keeps the
 * other bits of Rd. */
static bool trans_bitfield(struct a64_ctx *s, uint32_t insn)
{
    unsigned opc = a64_bits(insn, 29, 2), n = a64_bits(insn, 22, 1);
    unsigned r = a64_bits(insn, 16, 6), sz = a64_bits(insn, 10, 6);
    int sf = A64_SF(insn);
    if (opc == 3 || n != (unsigned)sf || (!sf && (r >= 32 || sz >= 32)))
        return false;
    enum ir_type ty = sf_type(insn);
    unsigned w = sf ? 64 : 32;
    int rd = A64_RD(insn);
    if (rd == 31)
        return true;
    ir_ref x = a64_get_x(s, A64_RN(insn)), v;

    if (opc == 1) { /* BFM */
        uint64_t mask;
        ir_ref field;
        if (sz >= r) {
            unsigned len = sz - r + 1;
            if (len == w) {
                set_res(s, rd, sf ? x : gen_unop(B, IR_zext32, IR_I64, x));
                return true;
            }
            mask = ones(len);
            field = r ? gen_binop(B, IR_shr, ty, x, gen_const(B, r)) : x;
        } else {
            mask = ones(sz + 1) << (w - r);
            field = gen_binop(B, IR_shl, ty, x, gen_const(B, w - r));
        }
        ir_ref keep = gen_and(B, ty, a64_get_x(s, rd), gen_const(B, (int64_t)(~mask & ones(w))));
        field = gen_and(B, ty, field, gen_const(B, (int64_t)mask));
        set_res(s, rd, gen_or(B, ty, keep, field));
        return true;
    }

    bool sign = opc == 0;
    if (sz >= r) {
        unsigned len = sz - r + 1;
        if (r == 0)
            v = sign ? sext_from(s, ty, x, sz)
                : len == w ? (sf ? x : gen_unop(B, IR_zext32, IR_I64, x)) : zext_low(s, ty, x, len);
        else if (sz == w - 1)
            v = gen_binop(B, sign ? IR_sar : IR_shr, ty, x, gen_const(B, r));
        else if (sign)
            v = gen_binop(B, IR_sar, ty, gen_binop(B, IR_shl, ty, x, gen_const(B, w - 1 - sz)),
                          gen_const(B, w - 1 - sz + r));
        else
            v = gen_and(B, ty, gen_binop(B, IR_shr, ty, x, gen_const(B, r)),
                        gen_const(B, (int64_t)ones(len)));
    } else {
        unsigned sh = w - r;
        ir_ref f;
        if (sz + 1 + sh == w)
            f = x;  /* LSL: the bits above the field leave anyway */
        else
            f = sign ? sext_from(s, ty, x, sz) : zext_low(s, ty, x, sz + 1);
        v = gen_binop(B, IR_shl, ty, f, gen_const(B, sh));
    }
    set_res(s, rd, v);
    return true;
}

/* ---- extract ---- */

static bool trans_extr(struct a64_ctx *s, uint32_t insn)
{
    unsigned op21 = a64_bits(insn, 29, 2), n = a64_bits(insn, 22, 1), o0 = a64_bits(insn, 21, 1);
    unsigned lsb = a64_bits(insn, 10, 6);
    int sf = A64_SF(insn), rd = A64_RD(insn), rn = A64_RN(insn), rm = A64_RM(insn);
    if (op21 || o0 || n != (unsigned)sf || (!sf && lsb >= 32))
        return false;
    if (rd == 31)
        return true;
    enum ir_type ty = sf_type(insn);
    unsigned w = sf ? 64 : 32;
    ir_ref m = a64_get_x(s, rm), v;
    if (lsb == 0) {
        a64_set_sf(s, sf, rd, m);
        return true;
    }
    if (rn == rm) {
        v = gen_binop(B, IR_rotr, ty, m, gen_const(B, lsb));  /* ROR (immediate) */
    } else {
        v = gen_or(B, ty, gen_binop(B, IR_shr, ty, m, gen_const(B, lsb)),
                   gen_binop(B, IR_shl, ty, a64_get_x(s, rn), gen_const(B, w - lsb)));
    }
    set_res(s, rd, v);
    return true;
}

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_dp_imm_patterns[] = {
    { 0x1f000000, 0x10000000, 0, "adr/adrp",       trans_adr },
    { 0x1f800000, 0x11000000, 0, "add/sub imm",    trans_addsub_imm },
    { 0x1f800000, 0x12000000, 0, "logical imm",    trans_logic_imm },
    { 0x1f800000, 0x12800000, 0, "move wide",      trans_movw },
    { 0x1f800000, 0x13000000, 0, "bitfield",       trans_bitfield },
    { 0x1f800000, 0x13800000, 0, "extract",        trans_extr },
    { 0, 0, 0, NULL, NULL },
};
