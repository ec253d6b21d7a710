/* flags.c — NZCV as IR: the flag-setting builders and condition evaluation.
 *
 * The flags live split in struct cpu (nf, zf, cf, vf; encoding in
 * runner/cpu.h) so each is one IR value that opt_state can forward and drop
 * when a later setter overwrites it in the same block. Conditions are built
 * as one IR compare (struct a64_cmp) so exit_cond/select use it directly:
 *  - when this block knows what set the flags (s->cc), the compare is made on
 *    the original operands: after `cmp x0, x1`, b.lt is (x0 <s x1) and the
 *    backend emits cmp + jl;
 *  - otherwise the compare reads the split flags (Z: zf == 0, N: nf <s 0,
 *    GE: (nf ^ vf) >=s 0, ...).
 * Invariants: s->cc describes the flags exactly along the path being
 * translated; every writer updates it. It is used at an insn only when no
 * earlier side exit can join the path between the setter and that insn
 * (cc_holds_here: opt_ifconv turns such exits into merges).
 * Constant operands are specialised: CMP #0 has C = 1, V = 0 outright, CMN #k
 * is built as CMP #-k (same NZCV) so its conditions fuse, ADDS #0 has the
 * flags of a logical op.
 */
#include "frontends/aarch64/a64_internal.h"

#define B (s->b)

static ir_ref sext_flag(struct a64_ctx *s, enum ir_type ty, ir_ref v)
{
    return ty == IR_I32 ? gen_unop(B, IR_sext32, IR_I64, v) : v;
}

static void set_nz(struct a64_ctx *s, enum ir_type ty, ir_ref res)
{
    gen_set(B, IR_I64, CPU_OFF(nf), sext_flag(s, ty, res));
    gen_set(B, IR_I64, CPU_OFF(zf), res);
}

/* b's value as a constant of width ty, if it is one */
static bool const_operand(struct a64_ctx *s, enum ir_type ty, ir_ref b, uint64_t *v)
{
    if (!B->temps[b].is_const)
        return false;
    *v = (uint64_t)B->temps[b].val;
    if (ty == IR_I32)
        *v &= 0xffffffffu;
    return true;
}

static bool is_min(enum ir_type ty, uint64_t v)
{
    return v == (ty == IR_I32 ? 0x80000000ull : 0x8000000000000000ull);
}

ir_ref a64_flags_sub(struct a64_ctx *s, enum ir_type ty, ir_ref a, ir_ref b)
{
    uint64_t k;
    bool kb = const_operand(s, ty, b, &k);
    if (kb && k == 0) {
        /* CMP x, #0: C = 1 (no borrow), V = 0. res is an op even for X (the
         * folder makes it a copy) so it marks where the flags were set */
        ir_ref res = ty == IR_I64 ? gen_or(B, IR_I64, a, b) : gen_unop(B, IR_zext32, IR_I64, a);
        set_nz(s, ty, res);
        gen_set(B, IR_I64, CPU_OFF(cf), gen_const(B, 1));
        gen_set(B, IR_I64, CPU_OFF(vf), gen_const(B, 0));
        s->cc = (struct a64_ccsrc){ CC_SUB, ty, a, b, res };
        return res;
    }
    ir_ref res = gen_sub(B, ty, a, b);
    set_nz(s, ty, res);
    gen_set(B, IR_I64, CPU_OFF(cf), gen_setcond(B, ty, IR_GEU, a, b));
    /* overflow: operands of different sign and result sign differs from a.
     * With a known b only one sign of a can overflow: a < 0 <= b needs
     * res >= 0, b < 0 <= a needs res < 0 */
    ir_ref v, d = gen_xor(B, ty, a, res);
    if (kb)
        v = gen_and(B, ty, d, (ty == IR_I32 ? (int32_t)k < 0 : (int64_t)k < 0) ? res : a);
    else
        v = gen_and(B, ty, gen_xor(B, ty, a, b), d);
    gen_set(B, IR_I64, CPU_OFF(vf), sext_flag(s, ty, v));
    s->cc = (struct a64_ccsrc){ CC_SUB, ty, a, b, res };
    return res;
}

ir_ref a64_flags_add(struct a64_ctx *s, enum ir_type ty, ir_ref a, ir_ref b)
{
    uint64_t k;
    if (const_operand(s, ty, b, &k) && !is_min(ty, k)) {
        if (k == 0) {
            /* x + 0 never carries or overflows: the flags of a logical op */
            ir_ref res = ty == IR_I64 ? gen_or(B, IR_I64, a, b) : gen_unop(B, IR_zext32, IR_I64, a);
            a64_flags_logic(s, ty, res);
            return res;
        }
        /* a + k and a - (-k) agree in all four flags when k != 0 and -k is
         * representable (C: a + k >= 2^n <=> a >= 2^n - k), so CMN #k is
         * a CMP the conditions can fuse with */
        uint64_t nk = -k;
        if (ty == IR_I32)
            nk &= 0xffffffffu;
        return a64_flags_sub(s, ty, a, gen_const(B, (int64_t)nk));
    }
    ir_ref res = gen_add(B, ty, a, b);
    set_nz(s, ty, res);
    gen_set(B, IR_I64, CPU_OFF(cf), gen_setcond(B, ty, IR_LTU, res, a));
    /* overflow: the result's sign differs from both operands' */
    ir_ref v = gen_and(B, ty, gen_xor(B, ty, a, res), gen_xor(B, ty, b, res));
    gen_set(B, IR_I64, CPU_OFF(vf), sext_flag(s, ty, v));
    s->cc = (struct a64_ccsrc){ CC_ADD, ty, a, b, res };
    return res;
}

ir_ref a64_get_carry(struct a64_ctx *s)
{
    /* opt_state forwards the temp the last flag setter stored */
    return gen_get(B, IR_I64, CPU_OFF(cf));
}

/* a + b + c with c in {0,1}: result, carry out, overflow */
static ir_ref add_with_carry(struct a64_ctx *s, enum ir_type ty, ir_ref a, ir_ref b, ir_ref c)
{
    ir_ref res, carry;
    if (ty == IR_I32) {
        /* 33-bit sum in a 64-bit container */
        ir_ref wide = gen_add(B, IR_I64, gen_add(B, IR_I64, gen_unop(B, IR_zext32, IR_I64, a),
                                                 gen_unop(B, IR_zext32, IR_I64, b)), c);
        res = gen_unop(B, IR_zext32, IR_I64, wide);
        carry = gen_binop(B, IR_shr, IR_I64, wide, gen_const(B, 32));
    } else {
        ir_ref t = gen_add(B, IR_I64, a, b);
        ir_ref c1 = gen_setcond(B, IR_I64, IR_LTU, t, a);
        res = gen_add(B, IR_I64, t, c);
        ir_ref c2 = gen_setcond(B, IR_I64, IR_LTU, res, t);
        carry = gen_or(B, IR_I64, c1, c2);
    }
    set_nz(s, ty, res);
    gen_set(B, IR_I64, CPU_OFF(cf), carry);
    ir_ref v = gen_and(B, ty, gen_xor(B, ty, a, res), gen_xor(B, ty, b, res));
    gen_set(B, IR_I64, CPU_OFF(vf), sext_flag(s, ty, v));
    s->cc.kind = CC_UNKNOWN;
    return res;
}

ir_ref a64_flags_adc(struct a64_ctx *s, enum ir_type ty, ir_ref a, ir_ref b)
{
    return add_with_carry(s, ty, a, b, a64_get_carry(s));
}

ir_ref a64_flags_sbc(struct a64_ctx *s, enum ir_type ty, ir_ref a, ir_ref b)
{
    return add_with_carry(s, ty, a, gen_unop(B, IR_not, ty, b), a64_get_carry(s));
}

void a64_flags_logic(struct a64_ctx *s, enum ir_type ty, ir_ref res)
{
    set_nz(s, ty, res);
    gen_set(B, IR_I64, CPU_OFF(cf), gen_const(B, 0));
    gen_set(B, IR_I64, CPU_OFF(vf), gen_const(B, 0));
    s->cc = (struct a64_ccsrc){ CC_LOGIC, ty, res, 0, res };
}

void a64_flags_const(struct a64_ctx *s, unsigned nzcv)
{
    gen_set(B, IR_I64, CPU_OFF(nf), gen_const(B, (nzcv & 8) ? -1 : 0));
    gen_set(B, IR_I64, CPU_OFF(zf), gen_const(B, (nzcv & 4) ? 0 : 1));
    gen_set(B, IR_I64, CPU_OFF(cf), gen_const(B, (nzcv & 2) ? 1 : 0));
    gen_set(B, IR_I64, CPU_OFF(vf), gen_const(B, (nzcv & 1) ? -1 : 0));
    s->cc.kind = CC_UNKNOWN;
}

void a64_flags_from_nzcv(struct a64_ctx *s, ir_ref nzcv)
{
    /* N: bit 31 to the sign; Z: zf = !bit30; C: bit 29; V: bit 28 to the sign */
    gen_set(B, IR_I64, CPU_OFF(nf), gen_binop(B, IR_shl, IR_I64, nzcv, gen_const(B, 32)));
    gen_set(B, IR_I64, CPU_OFF(zf), gen_setcond(B, IR_I64, IR_TSTZ, nzcv, gen_const(B, 1 << 30)));
    gen_set(B, IR_I64, CPU_OFF(cf), gen_and(B, IR_I64, gen_binop(B, IR_shr, IR_I64, nzcv, gen_const(B, 29)),
                                          gen_const(B, 1)));
    gen_set(B, IR_I64, CPU_OFF(vf), gen_binop(B, IR_shl, IR_I64, nzcv, gen_const(B, 35)));
    s->cc.kind = CC_UNKNOWN;
}

ir_ref a64_flags_to_nzcv(struct a64_ctx *s)
{
    ir_ref n = gen_setcond(B, IR_I64, IR_LT, gen_get(B, IR_I64, CPU_OFF(nf)), gen_const(B, 0));
    ir_ref z = gen_setcond(B, IR_I64, IR_EQ, gen_get(B, IR_I64, CPU_OFF(zf)), gen_const(B, 0));
    ir_ref c = gen_setcond(B, IR_I64, IR_NE, gen_get(B, IR_I64, CPU_OFF(cf)), gen_const(B, 0));
    ir_ref v = gen_setcond(B, IR_I64, IR_LT, gen_get(B, IR_I64, CPU_OFF(vf)), gen_const(B, 0));
    ir_ref r = gen_binop(B, IR_shl, IR_I64, n, gen_const(B, 31));
    r = gen_or(B, IR_I64, r, gen_binop(B, IR_shl, IR_I64, z, gen_const(B, 30)));
    r = gen_or(B, IR_I64, r, gen_binop(B, IR_shl, IR_I64, c, gen_const(B, 29)));
    return gen_or(B, IR_I64, r, gen_binop(B, IR_shl, IR_I64, v, gen_const(B, 28)));
}

static struct a64_cmp mk(enum ir_type ty, enum ir_cond c, ir_ref a, ir_ref b)
{
    return (struct a64_cmp){ ty, c, a, b };
}

/* conditions on the operands of the known flag source; false if this
 * (source, cond) pair has no single compare */
static bool fused_cond(struct a64_ctx *s, unsigned cond, struct a64_cmp *out)
{
    const struct a64_ccsrc *cc = &s->cc;
    ir_ref zero;
    switch (cc->kind) {
    case CC_SUB: {
        /* columns: cond -> compare of a with b; MI/PL test the result's sign,
         * VS/VC (6, 7) have no single compare */
        static const enum ir_cond sub_conds[14] = {
            [0] = IR_EQ, [1] = IR_NE, [2] = IR_GEU, [3] = IR_LTU,
            [8] = IR_GTU, [9] = IR_LEU, [10] = IR_GE, [11] = IR_LT, [12] = IR_GT, [13] = IR_LE,
        };
        if (cond == 4 || cond == 5) {
            *out = mk(cc->ty, cond == 4 ? IR_LT : IR_GE, cc->res, gen_const(B, 0));
            return true;
        }
        if (cond >= 14 || cond == 6 || cond == 7)
            return false;
        *out = mk(cc->ty, sub_conds[cond], cc->a, cc->b);
        return true;
    }
    case CC_LOGIC: {
        /* C = V = 0: CS/VS/HI never hold, CC/VC/LS always (on Z alone: LS is
         * !C || Z), GE is N clear, GT is !Z && !N, ... */
        static const enum ir_cond logic_conds[14] = {
            [0] = IR_EQ, [1] = IR_NE, [4] = IR_LT, [5] = IR_GE,
            [10] = IR_GE, [11] = IR_LT, [12] = IR_GT, [13] = IR_LE,
        };
        zero = gen_const(B, 0);
        if (cond == 2 || cond == 6 || cond == 8)
            *out = mk(IR_I64, IR_NE, zero, zero);
        else if (cond == 3 || cond == 7 || cond == 9)
            *out = mk(IR_I64, IR_EQ, zero, zero);
        else if (cond < 14)
            *out = mk(cc->ty, logic_conds[cond], cc->res, zero);
        else
            return false;
        return true;
    }
    case CC_ADD:
        /* Z and N on the result, C as unsigned wrap-around (res < a); the
         * signed and HI/LS conditions need two flags */
        zero = gen_const(B, 0);
        switch (cond) {
        case 0: *out = mk(cc->ty, IR_EQ, cc->res, zero); return true;
        case 1: *out = mk(cc->ty, IR_NE, cc->res, zero); return true;
        case 2: *out = mk(cc->ty, IR_LTU, cc->res, cc->a); return true;
        case 3: *out = mk(cc->ty, IR_GEU, cc->res, cc->a); return true;
        case 4: *out = mk(cc->ty, IR_LT, cc->res, zero); return true;
        case 5: *out = mk(cc->ty, IR_GE, cc->res, zero); return true;
        default: return false;
        }
    default:
        return false;
    }
}

/* Whether s->cc may be used at the insn being translated. The block is
 * translated along its fall-through path, but opt_ifconv later turns a short
 * forward side exit into selects, so the insn at its target is also reached
 * from the exit: `cmp x0, x1; b.eq 1f; cmp x2, x3; 1: cset x4, lt` must not
 * compare x2 with x3 when the first compare was equal. The stored flags are
 * merged by ifconv's selects; the fused operands are not. So s->cc holds here
 * only if no side exit taken before its setter lands after the setter and at
 * or before this insn. The setter is found as the op defining cc.res (every
 * setter defines it with an op of its own). */
static bool cc_holds_here(struct a64_ctx *s)
{
    const struct ir_block *b = B;
    int i = b->nops - 1;
    while (i >= 0 && !(b->ops[i].opc < IR_NUM_OPS && ir_opdefs[b->ops[i].opc].has_dst &&
                       b->ops[i].dst == s->cc.res))
        i--;
    while (i >= 0 && b->ops[i].opc != IR_insn_start)
        i--;
    if (i < 0)
        return false;
    uint64_t setter_pc = (uint64_t)b->ops[i].imm;
    for (; i >= 0; i--) {
        const struct ir_op *op = &b->ops[i];
        if (op->opc == IR_exit_cond && (uint64_t)op->imm > setter_pc && (uint64_t)op->imm <= s->pc)
            return false;
    }
    return true;
}

struct a64_cmp a64_gen_cond(struct a64_ctx *s, unsigned cond)
{
    struct a64_cmp r;
    ir_ref zero = gen_const(B, 0);
    if (cond >= 14)
        return mk(IR_I64, IR_EQ, zero, zero);
    if (s->cc.kind != CC_UNKNOWN && cc_holds_here(s) && fused_cond(s, cond, &r))
        return r;
    ir_ref t;
    switch (cond) {
    case 0: return mk(IR_I64, IR_EQ, gen_get(B, IR_I64, CPU_OFF(zf)), zero);
    case 1: return mk(IR_I64, IR_NE, gen_get(B, IR_I64, CPU_OFF(zf)), zero);
    case 2: return mk(IR_I64, IR_NE, gen_get(B, IR_I64, CPU_OFF(cf)), zero);
    case 3: return mk(IR_I64, IR_EQ, gen_get(B, IR_I64, CPU_OFF(cf)), zero);
    case 4: return mk(IR_I64, IR_LT, gen_get(B, IR_I64, CPU_OFF(nf)), zero);
    case 5: return mk(IR_I64, IR_GE, gen_get(B, IR_I64, CPU_OFF(nf)), zero);
    case 6: return mk(IR_I64, IR_LT, gen_get(B, IR_I64, CPU_OFF(vf)), zero);
    case 7: return mk(IR_I64, IR_GE, gen_get(B, IR_I64, CPU_OFF(vf)), zero);
    case 8: case 9:
        /* HI: C && !Z, i.e. (cf != 0) > (zf == 0) as 0/1 values */
        t = gen_setcond(B, IR_I64, IR_NE, gen_get(B, IR_I64, CPU_OFF(zf)), zero);
        t = gen_and(B, IR_I64, t, gen_get(B, IR_I64, CPU_OFF(cf)));
        return mk(IR_I64, cond == 8 ? IR_NE : IR_EQ, t, zero);
    case 10: case 11:
        t = gen_xor(B, IR_I64, gen_get(B, IR_I64, CPU_OFF(nf)), gen_get(B, IR_I64, CPU_OFF(vf)));
        return mk(IR_I64, cond == 10 ? IR_GE : IR_LT, t, zero);
    default: /* 12 GT: !Z && N == V; 13 LE: Z || N != V */
        t = gen_xor(B, IR_I64, gen_get(B, IR_I64, CPU_OFF(nf)), gen_get(B, IR_I64, CPU_OFF(vf)));
        /* N == V <=> t >= 0; fold Z in by making t negative when Z */
        t = gen_select(B, IR_I64, IR_EQ, gen_get(B, IR_I64, CPU_OFF(zf)), zero, gen_const(B, -1), t);
        return mk(IR_I64, cond == 12 ? IR_GE : IR_LT, t, zero);
    }
}

ir_ref a64_gen_cond_value(struct a64_ctx *s, unsigned cond)
{
    struct a64_cmp c = a64_gen_cond(s, cond);
    return gen_setcond(B, c.ty, c.cond, c.a, c.b);
}

ir_ref a64_gen_cond_select(struct a64_ctx *s, unsigned cond, ir_ref x, ir_ref y)
{
    struct a64_cmp c = a64_gen_cond(s, cond);
    return gen_select(B, c.ty, c.cond, c.a, c.b, x, y);
}
