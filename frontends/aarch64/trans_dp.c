/* trans_dp.c — integer data processing: the "data processing - immediate"
 * (op0 = 100x) and "data processing - register" (op0 = x101) groups.
 *
 * Invariants:
 *  - sf = 0 forms compute in IR_I32 and write W results zero-extended;
 *  - operand 31 is SP only where the Arm ARM says so (add/sub immediate and
 *    extended register, logical immediate destination), else XZR;
 *  - every flag-setting form goes through the a64_flags_* builders.
 */
#include "frontends/aarch64/a64_internal.h"

#define B (s->b)

static enum ir_type sf_type(uint32_t insn)
{
    return A64_SF(insn) ? IR_I64 : IR_I32;
}

/* ---- PC-relative addressing ---- */

static bool trans_adr(struct a64_ctx *s, uint32_t insn)
{
    int64_t imm = a64_sbits(insn, 5, 19) << 2 | a64_bits(insn, 29, 2);
    uint64_t v;
    if (insn & (1u << 31))  /* ADRP */
        v = (s->pc & ~0xfffull) + (uint64_t)(imm << 12);
    else
        v = s->pc + (uint64_t)imm;
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
        a64_set_sf(s, A64_SF(insn), A64_RD(insn), r);
    } else {
        r = gen_binop(B, sub ? IR_sub : IR_add, ty, a, b);
        if (A64_SF(insn))
            a64_set_xsp(s, A64_RD(insn), r);
        else
            a64_set_wsp(s, A64_RD(insn), r);
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
        ir_ref old = a64_get_x(s, rd);
        ir_ref keep = gen_and(B, IR_I64, old, gen_const(B, (int64_t)~(0xffffull << (16 * hw))));
        ir_ref r = gen_or(B, IR_I64, keep, gen_const(B, (int64_t)imm));
        a64_set_sf(s, A64_SF(insn), rd, r);
        break;
    }
    }
    return true;
}

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_dp_imm_patterns[] = {
    { 0x1f000000, 0x10000000, 0, "adr/adrp",       trans_adr },
    { 0x1f800000, 0x11000000, 0, "add/sub imm",    trans_addsub_imm },
    { 0x1f800000, 0x12800000, 0, "move wide",      trans_movw },
    { 0, 0, 0, NULL, NULL },
};

const struct a64_pattern a64_dp_reg_patterns[] = {
    { 0, 0, 0, NULL, NULL },
};
