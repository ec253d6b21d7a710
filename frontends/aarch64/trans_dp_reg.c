/* trans_dp_reg.c — integer data processing, register group (op0 = x101):
 * logical and add/sub (shifted register), add/sub (extended register),
 * ADC/SBC(S), conditional compare, conditional select, data processing with
 * one source (RBIT, REV*, CLZ, CLS), two sources (UDIV/SDIV, variable shifts,
 * CRC32/CRC32C) and three sources (MADD/MSUB and the long/high multiplies).
 *
 * Invariants:
 *  - sf = 0 forms compute in IR_I32 and write W results zero-extended; a
 *    value produced by an I32 op (or a 0/1 setcond) is already zero-extended
 *    and is stored as is, a select or raw register value goes through
 *    a64_set_sf;
 *  - register 31 is XZR everywhere here except the first source and the
 *    non-flag-setting destination of add/sub (extended register), where it
 *    is SP;
 *  - every flag-setting form goes through the a64_flags_* builders; CCMP/CCMN
 *    (flags = cond ? compare : #nzcv, which struct a64_ccsrc cannot express)
 *    select each flag and then call a64_flags_clobbered;
 *  - reserved encodings (ROR in add/sub, shift amounts >= 32 in W forms,
 *    extended-register shifts > 4, sf/size mismatches, the MTE/PAuth/CSSC and
 *    flag-manipulation extensions this model lacks) are refused => SIGILL;
 *  - UDIV/SDIV follow Arm (x/0 = 0; INT_MIN/-1 = INT_MIN): the IR's division
 *    ops have RISC-V results for a zero divisor, so a select fixes that case;
 *  - CRC32/CRC32C exist only with A64_F_CRC32 and run in a pure helper with a
 *    byte table (no host CRC instruction assumed);
 *  - CLZ of the register the previous insn RBIT'ed is built as CTZ of RBIT's
 *    operand (rbit_source): valid only while both are in this block and
 *    nothing can enter between them.
 */
#include "frontends/aarch64/a64_internal.h"
#include "runner/tern.h"

#define B (s->b)

static enum ir_type sf_type(uint32_t insn)
{
    return A64_SF(insn) ? IR_I64 : IR_I32;
}

/* store a result of an I32/I64 op (for W: already zero-extended) */
static void set_res(struct a64_ctx *s, int rd, ir_ref v)
{
    a64_set_x(s, rd, v);
}

/* Rm shifted by imm6 (shift: 0 LSL, 1 LSR, 2 ASR, 3 ROR) */
static ir_ref shifted_rm(struct a64_ctx *s, enum ir_type ty, uint32_t insn)
{
    static const enum ir_opc shift_ops[4] = { IR_shl, IR_shr, IR_sar, IR_rotr };
    ir_ref m = a64_get_x(s, A64_RM(insn));
    unsigned amount = a64_bits(insn, 10, 6);
    if (!amount)
        return m;
    return gen_binop(B, shift_ops[a64_bits(insn, 22, 2)], ty, m, gen_const(B, amount));
}

/* ---- logical (shifted register) ---- */

/* opc:N -> AND BIC ORR ORN EOR EON ANDS BICS */
static bool trans_logic_reg(struct a64_ctx *s, uint32_t insn)
{
    static const enum ir_opc ops[8] = { IR_and, IR_andn, IR_or, IR_orn, IR_xor, IR_xnor,
                                        IR_and, IR_andn };
    enum ir_type ty = sf_type(insn);
    unsigned opc = a64_bits(insn, 29, 2) << 1 | a64_bits(insn, 21, 1);
    int rd = A64_RD(insn), rn = A64_RN(insn);
    if (!A64_SF(insn) && a64_bits(insn, 15, 1))
        return false;
    bool setf = opc >= 6;
    if (rd == 31 && !setf)
        return true;
    ir_ref m = shifted_rm(s, ty, insn), r;
    if (rn == 31 && (opc == 2 || opc == 3)) {
        /* MOV / MVN */
        if (opc == 2) {
            a64_set_sf(s, A64_SF(insn), rd, m);
            return true;
        }
        r = gen_unop(B, IR_not, ty, m);
    } else {
        r = gen_binop(B, ops[opc], ty, a64_get_x(s, rn), m);
    }
    if (setf)
        a64_flags_logic(s, ty, r);
    set_res(s, rd, r);
    return true;
}

/* ---- add/subtract (shifted register) ---- */

static bool trans_addsub_reg(struct a64_ctx *s, uint32_t insn)
{
    enum ir_type ty = sf_type(insn);
    bool sub = insn & (1u << 30), setf = insn & (1u << 29);
    int rd = A64_RD(insn), rn = A64_RN(insn);
    if (a64_bits(insn, 22, 2) == 3 || (!A64_SF(insn) && a64_bits(insn, 15, 1)))
        return false;
    if (rd == 31 && !setf)
        return true;
    ir_ref m = shifted_rm(s, ty, insn), r;
    if (setf) {
        ir_ref a = a64_get_x(s, rn);
        r = sub ? a64_flags_sub(s, ty, a, m) : a64_flags_add(s, ty, a, m);
    } else if (rn == 31) {
        r = sub ? gen_unop(B, IR_neg, ty, m)  /* NEG */
            : (ty == IR_I64 ? m : gen_unop(B, IR_zext32, IR_I64, m));
    } else {
        r = gen_binop(B, sub ? IR_sub : IR_add, ty, a64_get_x(s, rn), m);
    }
    set_res(s, rd, r);
    return true;
}

/* ---- add/subtract (extended register) ---- */

static bool trans_addsub_ext(struct a64_ctx *s, uint32_t insn)
{
    static const enum ir_opc zext_ops[3] = { IR_zext8, IR_zext16, IR_zext32 };
    static const enum ir_opc sext_ops[3] = { IR_sext8, IR_sext16, IR_sext32 };
    enum ir_type ty = sf_type(insn);
    bool sub = insn & (1u << 30), setf = insn & (1u << 29);
    unsigned option = a64_bits(insn, 13, 3), sh = a64_bits(insn, 10, 3);
    if (a64_bits(insn, 22, 2) || sh > 4)
        return false;
    int rd = A64_RD(insn);
    ir_ref a = a64_get_xsp(s, A64_RN(insn)), m = a64_get_x(s, A64_RM(insn)), r;
    unsigned size = option & 3;
    /* a W operation only sees the low 32 bits: UXTW/SXTW/UXTX/SXTX are no-ops */
    if (size < 2 || (size == 2 && ty == IR_I64))
        m = gen_unop(B, (option & 4) ? sext_ops[size] : zext_ops[size], IR_I64, m);
    if (sh)
        m = gen_binop(B, IR_shl, ty, m, gen_const(B, sh));
    if (setf) {
        r = sub ? a64_flags_sub(s, ty, a, m) : a64_flags_add(s, ty, a, m);
        set_res(s, rd, r);
    } else {
        r = gen_binop(B, sub ? IR_sub : IR_add, ty, a, m);
        a64_set_xsp(s, rd, r);
    }
    return true;
}

/* ---- add/subtract with carry ---- */

static bool trans_adc(struct a64_ctx *s, uint32_t insn)
{
    enum ir_type ty = sf_type(insn);
    bool sub = insn & (1u << 30), setf = insn & (1u << 29);
    int rd = A64_RD(insn);
    ir_ref a = a64_get_x(s, A64_RN(insn)), m = a64_get_x(s, A64_RM(insn)), r;
    if (setf) {
        r = sub ? a64_flags_sbc(s, ty, a, m) : a64_flags_adc(s, ty, a, m);
    } else {
        if (rd == 31)
            return true;
        /* SBC: a + ~b + C */
        if (sub)
            m = gen_unop(B, IR_not, ty, m);
        r = gen_add(B, ty, gen_add(B, ty, a, m), a64_get_carry(s));
    }
    set_res(s, rd, r);
    return true;
}

/* ---- conditional compare ---- */

/* CCMN/CCMP (register and immediate): if cond holds, NZCV = flags of
 * Rn + op2 / Rn - op2, else the #nzcv immediate */
static bool trans_ccmp(struct a64_ctx *s, uint32_t insn)
{
    enum ir_type ty = sf_type(insn);
    bool sub = insn & (1u << 30);
    unsigned cond = a64_bits(insn, 12, 4), nzcv = a64_bits(insn, 0, 4);
    ir_ref a = a64_get_x(s, A64_RN(insn));
    ir_ref b = (insn & (1u << 11)) ? gen_const(B, a64_bits(insn, 16, 5)) : a64_get_x(s, A64_RM(insn));
    if (cond >= 14) {
        if (sub)
            a64_flags_sub(s, ty, a, b);
        else
            a64_flags_add(s, ty, a, b);
        return true;
    }
    /* the condition is evaluated on the old flags before the compare sets
     * the new ones; the new ones are read back (opt_state forwards the temps
     * and drops the first sets) and each is selected against the immediate */
    struct a64_cmp c = a64_gen_cond(s, cond);
    if (sub)
        a64_flags_sub(s, ty, a, b);
    else
        a64_flags_add(s, ty, a, b);
    static const struct { int32_t off; unsigned bit; int64_t set, clear; } fl[4] = {
        { CPU_OFF(nf), 8, -1, 0 },
        { CPU_OFF(zf), 4, 0, 1 },
        { CPU_OFF(cf), 2, 1, 0 },
        { CPU_OFF(vf), 1, -1, 0 },
    };
    for (int i = 0; i < 4; i++) {
        ir_ref v = gen_get(B, IR_I64, fl[i].off);
        ir_ref k = gen_const(B, (nzcv & fl[i].bit) ? fl[i].set : fl[i].clear);
        gen_set(B, IR_I64, fl[i].off, gen_select(B, c.ty, c.cond, c.a, c.b, v, k));
    }
    a64_flags_clobbered(s);
    return true;
}

/* ---- conditional select ---- */

/* op:o2 -> CSEL CSINC CSINV CSNEG: cond ? Rn : f(Rm) */
static bool trans_csel(struct a64_ctx *s, uint32_t insn)
{
    enum ir_type ty = sf_type(insn);
    unsigned kind = a64_bits(insn, 30, 1) << 1 | a64_bits(insn, 10, 1);
    unsigned cond = a64_bits(insn, 12, 4);
    int rd = A64_RD(insn), rn = A64_RN(insn), rm = A64_RM(insn), sf = A64_SF(insn);
    if (rd == 31)
        return true;
    if (cond >= 14) {
        a64_set_sf(s, sf, rd, a64_get_x(s, rn));
        return true;
    }
    if (rn == 31 && rm == 31 && (kind == 1 || kind == 2)) {
        /* CSET / CSETM: the inverted condition as 0/1 or 0/-1 */
        ir_ref v = a64_gen_cond_value(s, cond ^ 1);
        set_res(s, rd, kind == 1 ? v : gen_unop(B, IR_neg, ty, v));
        return true;
    }
    ir_ref y = a64_get_x(s, rm);
    switch (kind) {
    case 1: y = gen_addi(B, ty, y, 1); break;
    case 2: y = gen_unop(B, IR_not, ty, y); break;
    case 3: y = gen_unop(B, IR_neg, ty, y); break;
    default: break;
    }
    a64_set_sf(s, sf, rd, a64_gen_cond_select(s, cond, a64_get_x(s, rn), y));
    return true;
}

/* ---- data processing (1 source) ---- */

/* swap the bit groups of width `sh` selected by mask with their neighbours */
static ir_ref swap_bits(struct a64_ctx *s, enum ir_type ty, ir_ref x, unsigned sh, uint64_t mask)
{
    ir_ref k = gen_const(B, (int64_t)mask), c = gen_const(B, sh);
    ir_ref hi = gen_and(B, ty, gen_binop(B, IR_shr, ty, x, c), k);
    ir_ref lo = gen_binop(B, IR_shl, ty, gen_and(B, ty, x, k), c);
    return gen_or(B, ty, hi, lo);
}

/* CLZ right after RBIT of the same width into its source is CTZ of RBIT's
 * operand (GCC's __builtin_ctz): the value RBIT's sequence started from (its
 * bswap's operand) if the previous insn is that RBIT, in this block, and no
 * side exit lands on this insn (if-converted, it would join a path that
 * skipped the RBIT). 0 if not. */
static ir_ref rbit_source(struct a64_ctx *s, uint32_t insn)
{
    const struct ir_block *b = B;
    uint32_t prev;
    if (!s->tc || !s->tc->proc || s->pc < b->guest_pc + 4 ||
        guest_fetch(&s->tc->proc->mm, s->pc - 4, &prev, 4) != 4 ||
        (prev & 0xfffffc00) != (insn & 0x80000000) + 0x5ac00000 || A64_RD(prev) != A64_RN(insn) ||
        A64_RD(prev) == 31)
        return 0;
    ir_ref src = 0;
    bool in_rbit = true;  /* walking back through this insn and the RBIT */
    for (int i = b->nops - 1; i >= 0; i--) {
        const struct ir_op *op = &b->ops[i];
        if (op->opc == IR_exit_cond && (uint64_t)op->imm == s->pc)
            return 0;
        if (in_rbit && op->opc == IR_bswap)
            src = op->arg[0];
        if (in_rbit && op->opc == IR_insn_start && (uint64_t)op->imm != s->pc) {
            if ((uint64_t)op->imm != s->pc - 4)
                return 0;
            in_rbit = false;
        }
    }
    return src;
}

static bool trans_dp1(struct a64_ctx *s, uint32_t insn)
{
    enum ir_type ty = sf_type(insn);
    unsigned opcode = a64_bits(insn, 10, 6);
    int rd = A64_RD(insn), sf = A64_SF(insn);
    if (a64_bits(insn, 29, 1) || a64_bits(insn, 16, 5) || opcode > 5 || (opcode == 3 && !sf))
        return false;
    if (rd == 31)
        return true;
    ir_ref x = a64_get_x(s, A64_RN(insn)), v;
    switch (opcode) {
    case 0: /* RBIT: byte swap, then swap nibbles, bit pairs and bits */
        v = gen_unop(B, IR_bswap, ty, x);
        v = swap_bits(s, ty, v, 4, 0x0f0f0f0f0f0f0f0full);
        v = swap_bits(s, ty, v, 2, 0x3333333333333333ull);
        v = swap_bits(s, ty, v, 1, 0x5555555555555555ull);
        break;
    case 1: /* REV16 */
        v = swap_bits(s, ty, x, 8, 0x00ff00ff00ff00ffull);
        break;
    case 2: /* REV (W) / REV32 (X) */
        v = gen_unop(B, IR_bswap, ty, x);
        if (sf)
            v = gen_binop(B, IR_rotr, IR_I64, v, gen_const(B, 32));
        break;
    case 3: /* REV (X) */
        v = gen_unop(B, IR_bswap, ty, x);
        break;
    case 4: { /* CLZ */
        ir_ref r = rbit_source(s, insn);
        v = r ? gen_unop(B, IR_ctz, ty, r) : gen_unop(B, IR_clz, ty, x);
        break;
    }
    default: /* CLS: leading bits equal to the sign, not counting it */
        v = gen_xor(B, ty, x, gen_binop(B, IR_sar, ty, x, gen_const(B, 1)));
        v = gen_binop(B, IR_sub, ty, gen_unop(B, IR_clz, ty, v), gen_const(B, 1));
        break;
    }
    set_res(s, rd, v);
    return true;
}

/* ---- data processing (2 source) ---- */

static bool trans_dp2(struct a64_ctx *s, uint32_t insn)
{
    enum ir_type ty = sf_type(insn);
    unsigned opcode = a64_bits(insn, 10, 6);
    int rd = A64_RD(insn);
    if (a64_bits(insn, 29, 1))
        return false;
    enum ir_opc op;
    switch (opcode) {
    case 2: op = IR_divu; break;
    case 3: op = IR_div; break;
    case 8: op = IR_shl; break;   /* LSLV..RORV: the IR takes counts modulo the width */
    case 9: op = IR_shr; break;
    case 10: op = IR_sar; break;
    case 11: op = IR_rotr; break;
    default: return false;
    }
    if (rd == 31)
        return true;
    ir_ref a = a64_get_x(s, A64_RN(insn)), b = a64_get_x(s, A64_RM(insn));
    ir_ref v = gen_binop(B, op, ty, a, b);
    if (op == IR_div || op == IR_divu) {
        /* Arm: x/0 = 0 (the IR gives all ones); MIN/-1 = MIN agrees */
        ir_ref zero = gen_const(B, 0);
        v = gen_select(B, ty, IR_EQ, b, zero, zero, v);
    }
    set_res(s, rd, v);
    return true;
}

/* ---- CRC32 / CRC32C ---- */

static const uint32_t crc32_table[256];
static const uint32_t crc32c_table[256];

/* a CRC32 step as the CRC32{,C}{B,H,W,X} insns define it: reflected, no
 * pre/post inversion, val's bytes consumed low first. kind: bits 1:0 = log2
 * of the byte count, bit 2 = Castagnoli polynomial. Pure. */
uint64_t a64_helper_crc32(struct cpu *cpu, uint64_t acc, uint64_t val, uint64_t kind, uint64_t u3);
uint64_t a64_helper_crc32(struct cpu *cpu, uint64_t acc, uint64_t val, uint64_t kind, uint64_t u3)
{
    (void)cpu, (void)u3;
    const uint32_t *t = (kind & 4) ? crc32c_table : crc32_table;
    uint32_t crc = (uint32_t)acc;
    for (unsigned n = 1u << (kind & 3); n; n--, val >>= 8)
        crc = (crc >> 8) ^ t[(crc ^ val) & 0xff];
    return crc;
}

/* sf:sz must be 0:00..0:10 or 1:11 */
static bool trans_crc32(struct a64_ctx *s, uint32_t insn)
{
    unsigned sz = a64_bits(insn, 10, 2), c = a64_bits(insn, 12, 1);
    int rd = A64_RD(insn);
    if (a64_bits(insn, 29, 1) || (A64_SF(insn) != (sz == 3)))
        return false;
    if (rd == 31)
        return true;
    ir_ref v = gen_call(B, (void *)a64_helper_crc32, IR_CALL_PURE, 3, a64_get_x(s, A64_RN(insn)),
                        a64_get_x(s, A64_RM(insn)), gen_const(B, sz | c << 2), 0);
    set_res(s, rd, v);
    return true;
}

/* ---- data processing (3 source) ---- */

/* op31:o0 -> MADD MSUB SMADDL SMSUBL SMULH - - - - - UMADDL UMSUBL UMULH */
static bool trans_dp3(struct a64_ctx *s, uint32_t insn)
{
    enum ir_type ty = sf_type(insn);
    unsigned op31 = a64_bits(insn, 21, 3);
    bool o0 = insn & (1u << 15);
    int rd = A64_RD(insn), ra = A64_RA(insn), sf = A64_SF(insn);
    /* valid: 0 (either sf), 1/5 (X), 2/6 with o0 clear (X) */
    if (a64_bits(insn, 29, 2) || (op31 != 0 && !sf) || (op31 & 3) == 3 || op31 == 4 ||
        ((op31 & 3) == 2 && o0))
        return false;
    if (rd == 31)
        return true;
    ir_ref n = a64_get_x(s, A64_RN(insn)), m = a64_get_x(s, A64_RM(insn)), p;
    switch (op31) {
    case 0:
        p = gen_binop(B, IR_mul, ty, n, m);
        break;
    case 1: case 5: {
        enum ir_opc ext = op31 == 1 ? IR_sext32 : IR_zext32;
        p = gen_binop(B, IR_mul, IR_I64, gen_unop(B, ext, IR_I64, n), gen_unop(B, ext, IR_I64, m));
        break;
    }
    default: /* SMULH / UMULH */
        set_res(s, rd, gen_binop(B, op31 == 2 ? IR_mulh : IR_mulhu, IR_I64, n, m));
        return true;
    }
    ir_ref v;
    if (ra == 31)
        v = o0 ? gen_unop(B, IR_neg, ty, p) : p;  /* MUL / MNEG and friends */
    else
        v = gen_binop(B, o0 ? IR_sub : IR_add, ty, a64_get_x(s, ra), p);
    set_res(s, rd, v);
    return true;
}

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_dp_reg_patterns[] = {
    { 0x1f000000, 0x0a000000, 0,           "logical reg",    trans_logic_reg },
    { 0x1f200000, 0x0b000000, 0,           "add/sub reg",    trans_addsub_reg },
    { 0x1f200000, 0x0b200000, 0,           "add/sub ext",    trans_addsub_ext },
    { 0x1fe0fc00, 0x1a000000, 0,           "adc/sbc",        trans_adc },
    { 0x3fe00410, 0x3a400000, 0,           "ccmn/ccmp",      trans_ccmp },
    { 0x3fe00800, 0x1a800000, 0,           "csel",           trans_csel },
    { 0x5fe0e000, 0x1ac04000, A64_F_CRC32, "crc32",          trans_crc32 },
    { 0x5fe00000, 0x1ac00000, 0,           "dp 2-source",    trans_dp2 },
    { 0x5fe00000, 0x5ac00000, 0,           "dp 1-source",    trans_dp1 },
    { 0x1f000000, 0x1b000000, 0,           "dp 3-source",    trans_dp3 },
    { 0, 0, 0, NULL, NULL },
};

/* the CRC step tables: entry i is the reflected remainder of byte i */
/* CRC-32 (ISO-HDLC), polynomial 0x04c11db7 reflected */
static const uint32_t crc32_table[256] = {
    0x00000000, 0x77073096, 0xee0e612c, 0x990951ba, 0x076dc419, 0x706af48f,
    0xe963a535, 0x9e6495a3, 0x0edb8832, 0x79dcb8a4, 0xe0d5e91e, 0x97d2d988,
    0x09b64c2b, 0x7eb17cbd, 0xe7b82d07, 0x90bf1d91, 0x1db71064, 0x6ab020f2,
    0xf3b97148, 0x84be41de, 0x1adad47d, 0x6ddde4eb, 0xf4d4b551, 0x83d385c7,
    0x136c9856, 0x646ba8c0, 0xfd62f97a, 0x8a65c9ec, 0x14015c4f, 0x63066cd9,
    0xfa0f3d63, 0x8d080df5, 0x3b6e20c8, 0x4c69105e, 0xd56041e4, 0xa2677172,
    0x3c03e4d1, 0x4b04d447, 0xd20d85fd, 0xa50ab56b, 0x35b5a8fa, 0x42b2986c,
    0xdbbbc9d6, 0xacbcf940, 0x32d86ce3, 0x45df5c75, 0xdcd60dcf, 0xabd13d59,
    0x26d930ac, 0x51de003a, 0xc8d75180, 0xbfd06116, 0x21b4f4b5, 0x56b3c423,
    0xcfba9599, 0xb8bda50f, 0x2802b89e, 0x5f058808, 0xc60cd9b2, 0xb10be924,
    0x2f6f7c87, 0x58684c11, 0xc1611dab, 0xb6662d3d, 0x76dc4190, 0x01db7106,
    0x98d220bc, 0xefd5102a, 0x71b18589, 0x06b6b51f, 0x9fbfe4a5, 0xe8b8d433,
    0x7807c9a2, 0x0f00f934, 0x9609a88e, 0xe10e9818, 0x7f6a0dbb, 0x086d3d2d,
    0x91646c97, 0xe6635c01, 0x6b6b51f4, 0x1c6c6162, 0x856530d8, 0xf262004e,
    0x6c0695ed, 0x1b01a57b, 0x8208f4c1, 0xf50fc457, 0x65b0d9c6, 0x12b7e950,
    0x8bbeb8ea, 0xfcb9887c, 0x62dd1ddf, 0x15da2d49, 0x8cd37cf3, 0xfbd44c65,
    0x4db26158, 0x3ab551ce, 0xa3bc0074, 0xd4bb30e2, 0x4adfa541, 0x3dd895d7,
    0xa4d1c46d, 0xd3d6f4fb, 0x4369e96a, 0x346ed9fc, 0xad678846, 0xda60b8d0,
    0x44042d73, 0x33031de5, 0xaa0a4c5f, 0xdd0d7cc9, 0x5005713c, 0x270241aa,
    0xbe0b1010, 0xc90c2086, 0x5768b525, 0x206f85b3, 0xb966d409, 0xce61e49f,
    0x5edef90e, 0x29d9c998, 0xb0d09822, 0xc7d7a8b4, 0x59b33d17, 0x2eb40d81,
    0xb7bd5c3b, 0xc0ba6cad, 0xedb88320, 0x9abfb3b6, 0x03b6e20c, 0x74b1d29a,
    0xead54739, 0x9dd277af, 0x04db2615, 0x73dc1683, 0xe3630b12, 0x94643b84,
    0x0d6d6a3e, 0x7a6a5aa8, 0xe40ecf0b, 0x9309ff9d, 0x0a00ae27, 0x7d079eb1,
    0xf00f9344, 0x8708a3d2, 0x1e01f268, 0x6906c2fe, 0xf762575d, 0x806567cb,
    0x196c3671, 0x6e6b06e7, 0xfed41b76, 0x89d32be0, 0x10da7a5a, 0x67dd4acc,
    0xf9b9df6f, 0x8ebeeff9, 0x17b7be43, 0x60b08ed5, 0xd6d6a3e8, 0xa1d1937e,
    0x38d8c2c4, 0x4fdff252, 0xd1bb67f1, 0xa6bc5767, 0x3fb506dd, 0x48b2364b,
    0xd80d2bda, 0xaf0a1b4c, 0x36034af6, 0x41047a60, 0xdf60efc3, 0xa867df55,
    0x316e8eef, 0x4669be79, 0xcb61b38c, 0xbc66831a, 0x256fd2a0, 0x5268e236,
    0xcc0c7795, 0xbb0b4703, 0x220216b9, 0x5505262f, 0xc5ba3bbe, 0xb2bd0b28,
    0x2bb45a92, 0x5cb36a04, 0xc2d7ffa7, 0xb5d0cf31, 0x2cd99e8b, 0x5bdeae1d,
    0x9b64c2b0, 0xec63f226, 0x756aa39c, 0x026d930a, 0x9c0906a9, 0xeb0e363f,
    0x72076785, 0x05005713, 0x95bf4a82, 0xe2b87a14, 0x7bb12bae, 0x0cb61b38,
    0x92d28e9b, 0xe5d5be0d, 0x7cdcefb7, 0x0bdbdf21, 0x86d3d2d4, 0xf1d4e242,
    0x68ddb3f8, 0x1fda836e, 0x81be16cd, 0xf6b9265b, 0x6fb077e1, 0x18b74777,
    0x88085ae6, 0xff0f6a70, 0x66063bca, 0x11010b5c, 0x8f659eff, 0xf862ae69,
    0x616bffd3, 0x166ccf45, 0xa00ae278, 0xd70dd2ee, 0x4e048354, 0x3903b3c2,
    0xa7672661, 0xd06016f7, 0x4969474d, 0x3e6e77db, 0xaed16a4a, 0xd9d65adc,
    0x40df0b66, 0x37d83bf0, 0xa9bcae53, 0xdebb9ec5, 0x47b2cf7f, 0x30b5ffe9,
    0xbdbdf21c, 0xcabac28a, 0x53b39330, 0x24b4a3a6, 0xbad03605, 0xcdd70693,
    0x54de5729, 0x23d967bf, 0xb3667a2e, 0xc4614ab8, 0x5d681b02, 0x2a6f2b94,
    0xb40bbe37, 0xc30c8ea1, 0x5a05df1b, 0x2d02ef8d,
};
/* CRC-32C (Castagnoli), polynomial 0x1edc6f41 reflected */
static const uint32_t crc32c_table[256] = {
    0x00000000, 0xf26b8303, 0xe13b70f7, 0x1350f3f4, 0xc79a971f, 0x35f1141c,
    0x26a1e7e8, 0xd4ca64eb, 0x8ad958cf, 0x78b2dbcc, 0x6be22838, 0x9989ab3b,
    0x4d43cfd0, 0xbf284cd3, 0xac78bf27, 0x5e133c24, 0x105ec76f, 0xe235446c,
    0xf165b798, 0x030e349b, 0xd7c45070, 0x25afd373, 0x36ff2087, 0xc494a384,
    0x9a879fa0, 0x68ec1ca3, 0x7bbcef57, 0x89d76c54, 0x5d1d08bf, 0xaf768bbc,
    0xbc267848, 0x4e4dfb4b, 0x20bd8ede, 0xd2d60ddd, 0xc186fe29, 0x33ed7d2a,
    0xe72719c1, 0x154c9ac2, 0x061c6936, 0xf477ea35, 0xaa64d611, 0x580f5512,
    0x4b5fa6e6, 0xb93425e5, 0x6dfe410e, 0x9f95c20d, 0x8cc531f9, 0x7eaeb2fa,
    0x30e349b1, 0xc288cab2, 0xd1d83946, 0x23b3ba45, 0xf779deae, 0x05125dad,
    0x1642ae59, 0xe4292d5a, 0xba3a117e, 0x4851927d, 0x5b016189, 0xa96ae28a,
    0x7da08661, 0x8fcb0562, 0x9c9bf696, 0x6ef07595, 0x417b1dbc, 0xb3109ebf,
    0xa0406d4b, 0x522bee48, 0x86e18aa3, 0x748a09a0, 0x67dafa54, 0x95b17957,
    0xcba24573, 0x39c9c670, 0x2a993584, 0xd8f2b687, 0x0c38d26c, 0xfe53516f,
    0xed03a29b, 0x1f682198, 0x5125dad3, 0xa34e59d0, 0xb01eaa24, 0x42752927,
    0x96bf4dcc, 0x64d4cecf, 0x77843d3b, 0x85efbe38, 0xdbfc821c, 0x2997011f,
    0x3ac7f2eb, 0xc8ac71e8, 0x1c661503, 0xee0d9600, 0xfd5d65f4, 0x0f36e6f7,
    0x61c69362, 0x93ad1061, 0x80fde395, 0x72966096, 0xa65c047d, 0x5437877e,
    0x4767748a, 0xb50cf789, 0xeb1fcbad, 0x197448ae, 0x0a24bb5a, 0xf84f3859,
    0x2c855cb2, 0xdeeedfb1, 0xcdbe2c45, 0x3fd5af46, 0x7198540d, 0x83f3d70e,
    0x90a324fa, 0x62c8a7f9, 0xb602c312, 0x44694011, 0x5739b3e5, 0xa55230e6,
    0xfb410cc2, 0x092a8fc1, 0x1a7a7c35, 0xe811ff36, 0x3cdb9bdd, 0xceb018de,
    0xdde0eb2a, 0x2f8b6829, 0x82f63b78, 0x709db87b, 0x63cd4b8f, 0x91a6c88c,
    0x456cac67, 0xb7072f64, 0xa457dc90, 0x563c5f93, 0x082f63b7, 0xfa44e0b4,
    0xe9141340, 0x1b7f9043, 0xcfb5f4a8, 0x3dde77ab, 0x2e8e845f, 0xdce5075c,
    0x92a8fc17, 0x60c37f14, 0x73938ce0, 0x81f80fe3, 0x55326b08, 0xa759e80b,
    0xb4091bff, 0x466298fc, 0x1871a4d8, 0xea1a27db, 0xf94ad42f, 0x0b21572c,
    0xdfeb33c7, 0x2d80b0c4, 0x3ed04330, 0xccbbc033, 0xa24bb5a6, 0x502036a5,
    0x4370c551, 0xb11b4652, 0x65d122b9, 0x97baa1ba, 0x84ea524e, 0x7681d14d,
    0x2892ed69, 0xdaf96e6a, 0xc9a99d9e, 0x3bc21e9d, 0xef087a76, 0x1d63f975,
    0x0e330a81, 0xfc588982, 0xb21572c9, 0x407ef1ca, 0x532e023e, 0xa145813d,
    0x758fe5d6, 0x87e466d5, 0x94b49521, 0x66df1622, 0x38cc2a06, 0xcaa7a905,
    0xd9f75af1, 0x2b9cd9f2, 0xff56bd19, 0x0d3d3e1a, 0x1e6dcdee, 0xec064eed,
    0xc38d26c4, 0x31e6a5c7, 0x22b65633, 0xd0ddd530, 0x0417b1db, 0xf67c32d8,
    0xe52cc12c, 0x1747422f, 0x49547e0b, 0xbb3ffd08, 0xa86f0efc, 0x5a048dff,
    0x8ecee914, 0x7ca56a17, 0x6ff599e3, 0x9d9e1ae0, 0xd3d3e1ab, 0x21b862a8,
    0x32e8915c, 0xc083125f, 0x144976b4, 0xe622f5b7, 0xf5720643, 0x07198540,
    0x590ab964, 0xab613a67, 0xb831c993, 0x4a5a4a90, 0x9e902e7b, 0x6cfbad78,
    0x7fab5e8c, 0x8dc0dd8f, 0xe330a81a, 0x115b2b19, 0x020bd8ed, 0xf0605bee,
    0x24aa3f05, 0xd6c1bc06, 0xc5914ff2, 0x37faccf1, 0x69e9f0d5, 0x9b8273d6,
    0x88d28022, 0x7ab90321, 0xae7367ca, 0x5c18e4c9, 0x4f48173d, 0xbd23943e,
    0xf36e6f75, 0x0105ec76, 0x12551f82, 0xe03e9c81, 0x34f4f86a, 0xc69f7b69,
    0xd5cf889d, 0x27a40b9e, 0x79b737ba, 0x8bdcb4b9, 0x988c474d, 0x6ae7c44e,
    0xbe2da0a5, 0x4c4623a6, 0x5f16d052, 0xad7d5351,
};
