/* trans_ldst.c — the loads and stores group (op0 = x1x0): its decode table,
 * and the single-register and pair transfers of general and SIMD&FP
 * registers (LDR/STR in every addressing form, LDUR/STUR, LDTR/STTR, LDR
 * literal, LDP/STP/LDPSW/LDNP/STNP, PRFM/PRFUM). Exclusives, ordered and
 * atomic accesses live in trans_ldst_excl.c, structure loads/stores in
 * trans_ldst_simd.c.
 *
 * Invariants:
 *  - guest address == host address: each access is one MO_USER memop (a Q
 *    register is two 64-bit ones at +0/+8, so LDP/STP Q loops stay helper
 *    free) with constant offsets carried in the op's displacement;
 *  - every memory access of an insn comes before any register write, and
 *    the base writeback comes last: a faulting access leaves the registers
 *    as they were, and with writeback and Rt == Rn (CONSTRAINED
 *    UNPREDICTABLE) the writeback wins for loads and the old Rt is stored,
 *    as qemu does;
 *  - base register 31 is SP, data register 31 is XZR/WZR;
 *  - a load of B/H/S/D into a V register zeroes bits 127 up to its size;
 *  - unprivileged forms (LDTR*, STTR*) behave as the normal ones at EL0;
 *  - prefetches (PRFM, PRFUM) touch nothing.
 */
#include "frontends/aarch64/trans_ldst.h"

#define B (s->b)

/* what a single-register transfer moves, from size:V:opc */
struct xfer {
    int size;   /* log2 of the access in bytes, 0..4 (4 = Q) */
    bool vec;   /* SIMD&FP register */
    bool load;
    bool sign;  /* sign-extending load ... */
    bool sf;    /* ... into X (else W) */
    bool prfm;  /* size 11 opc 10: a prefetch */
};

static bool decode_xfer(struct a64_ctx *s, uint32_t insn, struct xfer *x)
{
    unsigned size = a64_bits(insn, 30, 2), opc = a64_bits(insn, 22, 2);
    *x = (struct xfer){ .size = (int)size, .vec = insn & (1u << 26), .load = opc & 1 };
    if (x->vec) {
        if (!(s->features & A64_F_FP))
            return false;
        if (opc & 2) {  /* only size 00 has the 128-bit form */
            if (size != 0)
                return false;
            x->size = 4;
        }
        return true;
    }
    switch (opc) {
    case 2:
        if (size == 3) {
            x->prfm = true;
        } else {
            x->load = x->sign = x->sf = true;
        }
        return true;
    case 3:
        if (size >= 2)
            return false;
        x->load = x->sign = true;
        return true;
    default:
        return true;
    }
}

/* read/write register rt of a transfer through memory at base + disp */
static ir_ref xfer_load(struct a64_ctx *s, const struct xfer *x, ir_ref base, int32_t disp,
                        ir_ref *hi)
{
    if (x->size == 4) {
        ir_ref lo = gen_ld(B, MO_64 | MO_USER, base, disp);
        *hi = gen_ld(B, MO_64 | MO_USER, base, disp + 8);
        return lo;
    }
    return gen_ld(B, (unsigned)x->size | (x->sign ? MO_SIGN : 0) | MO_USER, base, disp);
}

static void xfer_setreg(struct a64_ctx *s, const struct xfer *x, int rt, ir_ref v, ir_ref hi)
{
    if (x->vec) {
        a64_set_vlo(s, rt, v);
        a64_set_vhi(s, rt, x->size == 4 ? hi : gen_const(B, 0));
    } else if (x->sign && !x->sf) {
        a64_set_w(s, rt, v);
    } else {
        a64_set_x(s, rt, v);  /* zero-extending loads are already zero-extended */
    }
}

static void xfer_store(struct a64_ctx *s, const struct xfer *x, int rt, ir_ref base, int32_t disp)
{
    if (!x->vec) {
        gen_st(B, (unsigned)x->size | MO_USER, base, disp, a64_get_x(s, rt));
        return;
    }
    gen_st(B, (unsigned)(x->size == 4 ? 3 : x->size) | MO_USER, base, disp, a64_get_vlo(s, rt));
    if (x->size == 4)
        gen_st(B, MO_64 | MO_USER, base, disp + 8, a64_get_vhi(s, rt));
}

/* the whole transfer; wb: the base register to write wbval to after it, or -1 */
static void gen_xfer(struct a64_ctx *s, const struct xfer *x, int rt, ir_ref base, int32_t disp,
                     int wb, ir_ref wbval)
{
    if (x->prfm) {
        /* a hint: no access, and the forms that could write back have no
         * prefetch encoding */
    } else if (x->load) {
        ir_ref hi = 0;
        ir_ref v = xfer_load(s, x, base, disp, &hi);
        xfer_setreg(s, x, rt, v, hi);
    } else {
        xfer_store(s, x, rt, base, disp);
    }
    if (wb >= 0)
        a64_set_xsp(s, wb, wbval);
}

/* LDR/STR (immediate, unsigned offset): size 111 V 01 opc imm12 Rn Rt */
static bool trans_ldst_uimm(struct a64_ctx *s, uint32_t insn)
{
    struct xfer x;
    if (!decode_xfer(s, insn, &x))
        return false;
    int32_t disp = (int32_t)(a64_bits(insn, 10, 12) << (x.prfm ? 3 : x.size));
    gen_xfer(s, &x, A64_RD(insn), a64_get_xsp(s, A64_RN(insn)), disp, -1, 0);
    return true;
}

/* size 111 V 00 opc 0 imm9 op Rn Rt; op: 00 LDUR/STUR/PRFUM, 01 post-index,
 * 10 unprivileged, 11 pre-index */
static bool trans_ldst_imm9(struct a64_ctx *s, uint32_t insn)
{
    struct xfer x;
    if (!decode_xfer(s, insn, &x))
        return false;
    unsigned op = a64_bits(insn, 10, 2);
    int64_t imm = a64_sbits(insn, 12, 9);
    int rn = A64_RN(insn);
    if (op != 0 && x.prfm)
        return false;
    if (op == 2 && x.vec)
        return false;
    ir_ref base = a64_get_xsp(s, rn);
    switch (op) {
    case 1: /* post-index: access at base, base += imm */
        gen_xfer(s, &x, A64_RD(insn), base, 0, rn, gen_addi(B, IR_I64, base, imm));
        break;
    case 3: { /* pre-index: base += imm, access at the new base */
        ir_ref a = gen_addi(B, IR_I64, base, imm);
        gen_xfer(s, &x, A64_RD(insn), a, 0, rn, a);
        break;
    }
    default:
        gen_xfer(s, &x, A64_RD(insn), base, (int32_t)imm, -1, 0);
        break;
    }
    return true;
}

/* size 111 V 00 opc 1 Rm option S 10 Rn Rt: base + extend(Rm) << (S ? size : 0) */
static bool trans_ldst_regoff(struct a64_ctx *s, uint32_t insn)
{
    struct xfer x;
    if (!decode_xfer(s, insn, &x))
        return false;
    unsigned option = a64_bits(insn, 13, 3);
    if (!(option & 2))
        return false;
    if (x.prfm)  /* prefetch: nothing to compute */
        return true;
    ir_ref idx = a64_get_x(s, A64_RM(insn));
    switch (option) {
    case 2: idx = gen_unop(B, IR_zext32, IR_I64, idx); break;  /* UXTW */
    case 6: idx = gen_unop(B, IR_sext32, IR_I64, idx); break;  /* SXTW */
    default: break;                                            /* LSL, SXTX */
    }
    if (insn & (1u << 12))
        idx = gen_binop(B, IR_shl, IR_I64, idx, gen_const(B, x.size));
    ir_ref addr = gen_add(B, IR_I64, a64_get_xsp(s, A64_RN(insn)), idx);
    gen_xfer(s, &x, A64_RD(insn), addr, 0, -1, 0);
    return true;
}

/* LDR (literal): opc 011 V 00 imm19 Rt */
static bool trans_ld_literal(struct a64_ctx *s, uint32_t insn)
{
    unsigned opc = a64_bits(insn, 30, 2);
    bool v = insn & (1u << 26);
    uint64_t addr = s->pc + (uint64_t)(a64_sbits(insn, 5, 19) * 4);
    struct xfer x = { .load = true, .vec = v };
    if (v) {
        if (opc == 3 || !(s->features & A64_F_FP))
            return false;
        x.size = 2 + (int)opc;  /* S, D, Q */
    } else {
        switch (opc) {
        case 0: x.size = 2; break;                         /* LDR Wt */
        case 1: x.size = 3; break;                         /* LDR Xt */
        case 2: x.size = 2; x.sign = x.sf = true; break;   /* LDRSW */
        default: return true;                              /* PRFM (literal) */
        }
    }
    gen_xfer(s, &x, A64_RD(insn), gen_const(B, (int64_t)addr), 0, -1, 0);
    return true;
}

/* pairs: opc 101 V 0 idx L imm7 Rt2 Rn Rt; idx 00 no-allocate offset
 * (LDNP/STNP), 01 post-index, 10 offset, 11 pre-index */
static bool trans_ldst_pair(struct a64_ctx *s, uint32_t insn)
{
    unsigned opc = a64_bits(insn, 30, 2), idx = a64_bits(insn, 23, 2);
    bool v = insn & (1u << 26), l = insn & (1u << 22);
    struct xfer x = { .vec = v, .load = l };
    if (v) {
        if (opc == 3 || !(s->features & A64_F_FP))
            return false;
        x.size = 2 + (int)opc;  /* S, D, Q */
    } else {
        switch (opc) {
        case 0: x.size = 2; break;
        case 2: x.size = 3; break;
        case 1:  /* LDPSW; STGP (MTE) and the no-allocate form do not exist */
            if (!l || idx == 0)
                return false;
            x.size = 2;
            x.sign = x.sf = true;
            break;
        default:
            return false;
        }
    }
    int rt = A64_RD(insn), rt2 = A64_RT2(insn), rn = A64_RN(insn);
    int64_t imm = a64_sbits(insn, 15, 7) << (x.sign ? 2 : x.size);
    int32_t step = 1 << x.size;
    ir_ref base = a64_get_xsp(s, rn), addr = base, wbval = 0;
    int32_t disp = 0;
    switch (idx) {
    case 1: wbval = gen_addi(B, IR_I64, base, imm); break;
    case 3: addr = wbval = gen_addi(B, IR_I64, base, imm); break;
    default: disp = (int32_t)imm; break;
    }
    if (l) {
        ir_ref hi1 = 0, hi2 = 0;
        ir_ref v1 = xfer_load(s, &x, addr, disp, &hi1);
        ir_ref v2 = xfer_load(s, &x, addr, disp + step, &hi2);
        /* Rt2 first: with Rt == Rt2 (CONSTRAINED UNPREDICTABLE) the first
         * value wins, as in qemu */
        xfer_setreg(s, &x, rt2, v2, hi2);
        xfer_setreg(s, &x, rt, v1, hi1);
    } else {
        xfer_store(s, &x, rt, addr, disp);
        xfer_store(s, &x, rt2, addr, disp + step);
    }
    if (wbval)
        a64_set_xsp(s, rn, wbval);
    return true;
}

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_ldst_patterns[] = {
    { 0x3b000000, 0x39000000, 0, "ldst_uimm", trans_ldst_uimm },
    { 0x3b200000, 0x38000000, 0, "ldst_imm9", trans_ldst_imm9 },
    { 0x3b200c00, 0x38200800, 0, "ldst_regoff", trans_ldst_regoff },
    { 0x3b000000, 0x18000000, 0, "ld_literal", trans_ld_literal },
    { 0x3a000000, 0x28000000, 0, "ldst_pair", trans_ldst_pair },
    { 0x3f000000, 0x08000000, 0, "ldst_excl", a64_trans_ldst_excl },
    { 0x3b200c00, 0x38200000, 0, "ldst_atomic", a64_trans_ldst_atomic },
    { 0xbe000000, 0x0c000000, 0, "ldst_struct", a64_trans_ldst_struct },
    { 0, 0, 0, NULL, NULL },
};
