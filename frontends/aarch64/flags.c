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
 * flags of a logical op. A CC_LOGIC source made by an AND keeps the AND's
 * operands in cc.a/cc.b (else a = res, b = 0), so TST; B.NE is one test.
 * The stores of NZCV are left out when the code that follows overwrites
 * them before anything reads them (flags_dead_after).
 */
#include "frontends/aarch64/a64_internal.h"
#include "runner/tern.h"

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

static struct a64_cmp mk(enum ir_type ty, enum ir_cond c, ir_ref a, ir_ref b)
{
    return (struct a64_cmp){ ty, c, a, b };
}

/* ---- where the known flags hold ---- */

/* index of the insn_start of the insn that set s->cc (the op defining cc.res:
 * every setter defines it with an op of its own), or -1 */
static int cc_setter_start(struct a64_ctx *s)
{
    const struct ir_block *b = B;
    int i = b->nops - 1;
    while (i >= 0 && !(b->ops[i].opc < IR_NUM_OPS && ir_opdefs[b->ops[i].opc].has_dst &&
                       b->ops[i].dst == s->cc.res))
        i--;
    while (i >= 0 && b->ops[i].opc != IR_insn_start)
        i--;
    return i;
}

/* the lowest pc after the setter (whose insn_start is op `start`) that a side
 * exit taken before the setter lands on, or UINT64_MAX */
static uint64_t first_landing_after(const struct ir_block *b, int start)
{
    uint64_t setter_pc = (uint64_t)b->ops[start].imm, first = UINT64_MAX;
    for (int i = start - 1; i >= 0; i--) {
        const struct ir_op *op = &b->ops[i];
        if (op->opc == IR_exit_cond && (uint64_t)op->imm > setter_pc && (uint64_t)op->imm < first)
            first = (uint64_t)op->imm;
    }
    return first;
}

/* Whether s->cc may be used at the insn being translated. The block is
 * translated along its fall-through path, but opt_ifconv later turns a short
 * forward side exit into selects, so the insn at its target is also reached
 * from the exit: `cmp x0, x1; b.eq 1f; cmp x2, x3; 1: cset x4, lt` must not
 * compare x2 with x3 when the first compare was equal. The stored flags are
 * merged by ifconv's selects; the fused operands are not. So s->cc holds here
 * only if no side exit taken before its setter lands after the setter and at
 * or before this insn. */
static bool cc_holds_here(struct a64_ctx *s)
{
    if (s->cc.kind == CC_UNKNOWN)
        return false;
    int start = cc_setter_start(s);
    return start >= 0 && s->pc < first_landing_after(B, start);
}

/* whether the setter of s->cc stored the flags (or the lookahead left them) */
static bool cc_stored(struct a64_ctx *s)
{
    int start = cc_setter_start(s);
    for (int i = start < 0 ? 0 : start; i < B->nops; i++)
        if (B->ops[i].opc == IR_set && B->ops[i].imm == CPU_OFF(cf))
            return true;
    return false;
}

/* the conditions fused_cond turns into one compare, per flag source; bit i =
 * cond i. SUB: all but VS/VC; LOGIC: all; ADD: EQ NE CS CC MI PL. */
static bool fusible(enum a64_cc_kind kind, unsigned cond)
{
    static const uint16_t fuse_mask[4] = {
        [CC_UNKNOWN] = 0, [CC_SUB] = 0x3f3f, [CC_ADD] = 0x003f, [CC_LOGIC] = 0x3fff,
    };
    return cond < 14 && (fuse_mask[kind] >> cond & 1);
}

/* ---- flag liveness lookahead ----
 *
 * A compare is almost always followed by its only reader (b.cond, csel) and
 * then by the next compare, but a side exit makes the block store NZCV on
 * every path (opt_state must assume the target reads them). Before storing,
 * a setter looks at the guest code that follows: when every path overwrites
 * all four flags before anything reads the stored copy, the stores are left
 * out and only s->cc describes the flags. Reads that fuse (the same block,
 * cc holding, a fusible condition, the carry of a known source) do not need
 * the stored copy; on a branch target or past the end of the block (a new
 * block, cc unknown) any read does. Paths end at the first full write;
 * unknown insns, indirect branches and running out of budget count as
 * reads; an SVC goes on at the next insn as a new block (the kernel keeps
 * NZCV).
 *
 * The insns passed over without a read (data processing, loads/stores,
 * SIMD&FP other than FCCMP/FCSEL) never end a block early, so a fusible
 * read on the fall-through path is in this block. A signal taken between the
 * setter and the overwrite (a fault, SIGILL) sees stale NZCV in its frame,
 * as it already sees registers whose stores opt_state has sunk. */

#define LA_MAX_INSNS 48  /* insns examined per setter, all paths */
#define LA_MAX_PATHS 6   /* branch targets queued */

enum {
    FX_COND = 1,     /* reads the condition in bits 15:12 (csel, ccmp) or 3:0 (b.cond) */
    FX_COND_INV = 2, /* ... and possibly its inverse (CSET/CSETM) */
    FX_CARRY = 4,    /* reads C */
    FX_WRITE = 8,    /* then writes all of NZCV without reading them */
    FX_JUMP = 16,    /* goes on at *target only */
    FX_FORK = 32,    /* goes on at *target and at the next insn */
    FX_OPAQUE = 64,  /* anything else that may read or transfer control */
};

static unsigned classify(uint32_t w, uint64_t pc, unsigned *cond, uint64_t *target)
{
    uint32_t op0 = w >> 25 & 15;
    if ((op0 & 5) == 4)  /* loads and stores */
        return 0;
    if ((op0 & 14) == 8) {  /* data processing - immediate */
        if ((w & 0x1f800000) == 0x11000000)  /* add/sub: S */
            return (w >> 29 & 1) ? FX_WRITE : 0;
        if ((w & 0x1f800000) == 0x12000000)  /* logical: ANDS */
            return (w >> 29 & 3) == 3 ? FX_WRITE : 0;
        return 0;
    }
    if ((op0 & 7) == 5) {  /* data processing - register */
        if ((w & 0x1f000000) == 0x0a000000)  /* logical shifted: ANDS/BICS */
            return (w >> 29 & 3) == 3 ? FX_WRITE : 0;
        if ((w & 0x1f000000) == 0x0b000000)  /* add/sub shifted/extended */
            return (w >> 29 & 1) ? FX_WRITE : 0;
        if ((w & 0x1fe0fc00) == 0x1a000000)  /* ADC/SBC(S) */
            return FX_CARRY | ((w >> 29 & 1) ? FX_WRITE : 0);
        if ((w & 0x3fe00410) == 0x3a400000) {  /* CCMN/CCMP */
            *cond = w >> 12 & 15;
            return FX_COND | FX_WRITE;
        }
        if ((w & 0x3fe00800) == 0x1a800000) {  /* CSEL family */
            *cond = w >> 12 & 15;
            return FX_COND | FX_COND_INV;
        }
        if ((w & 0x1f000000) == 0x1b000000)  /* 3 source */
            return 0;
        if ((w & 0x1fe00000) == 0x1ac00000 && !(w >> 29 & 1))  /* 1 and 2 source */
            return 0;
        return FX_OPAQUE;  /* flag manipulation and the rest */
    }
    if ((op0 & 14) == 10) {  /* branches, exceptions, system */
        if ((w & 0x7c000000) == 0x14000000) {  /* B, BL */
            *target = pc + (uint64_t)(a64_sbits(w, 0, 26) * 4);
            return FX_JUMP;
        }
        if ((w & 0xff000010) == 0x54000000) {  /* B.cond */
            *cond = w & 15;
            *target = pc + (uint64_t)(a64_sbits(w, 5, 19) * 4);
            return *cond >= 14 ? FX_JUMP : FX_COND | FX_FORK;
        }
        if ((w & 0x7e000000) == 0x34000000) {  /* CBZ/CBNZ */
            *target = pc + (uint64_t)(a64_sbits(w, 5, 19) * 4);
            return FX_FORK;
        }
        if ((w & 0x7e000000) == 0x36000000) {  /* TBZ/TBNZ */
            *target = pc + (uint64_t)(a64_sbits(w, 5, 14) * 4);
            return FX_FORK;
        }
        if (w == 0xd503201f)  /* NOP */
            return 0;
        if ((w & 0xffffffe0) == 0xd51b4200)  /* MSR NZCV, Xt */
            return FX_WRITE;
        if ((w & 0xffe0001f) == 0xd4000001) {  /* SVC: the kernel keeps NZCV */
            *target = pc + 4;
            return FX_JUMP;
        }
        return FX_OPAQUE;
    }
    if ((op0 & 7) == 7) {  /* SIMD & FP */
        if ((w & 0xff20fc07) == 0x1e202000)  /* FCMP/FCMPE */
            return FX_WRITE;
        if ((w & 0xff200400) == 0x1e200400)  /* FCCMP(E), FCSEL */
            return FX_OPAQUE;
        return 0;
    }
    return FX_OPAQUE;
}

static bool fetch_word(struct a64_ctx *s, uint64_t pc, uint32_t *w)
{
    return guest_fetch(&s->tc->proc->mm, pc, w, 4) == 4;
}

/* the stores of the flags just described by s->cc are not needed */
static bool flags_dead_after(struct a64_ctx *s)
{
    if (!s->tc || !s->tc->proc)
        return false;
    unsigned cond = 0;
    uint64_t target = 0;
    uint32_t w;
    /* only for plain setters: CCMP/CCMN read back what their compare set */
    if (!fetch_word(s, s->pc, &w))
        return false;
    unsigned self = classify(w, s->pc, &cond, &target);
    if (!(self & FX_WRITE) || (self & (FX_COND | FX_OPAQUE)))
        return false;
    /* a merge after this insn would make its readers use the stored flags */
    /* from where an earlier exit may join the path (cc_holds_here), reads
     * need the stored flags as on a new block */
    uint64_t join = UINT64_MAX;
    if (s->cc.kind != CC_UNKNOWN) {
        int start = cc_setter_start(s);
        if (start < 0)
            return false;
        join = first_landing_after(B, start);
    }

    /* insns after this one that the translator still puts in this block */
    uint64_t page_end = PAGE_DOWN(B->guest_pc) + GUEST_PAGE_SIZE;
    int64_t room = TB_MAX_INSNS - (int64_t)((s->pc - B->guest_pc) / 4) - 1;
    if ((int64_t)((page_end - s->pc) / 4) - 1 < room)
        room = (int64_t)((page_end - s->pc) / 4) - 1;

    uint64_t paths[LA_MAX_PATHS];
    int npaths = 0, budget = LA_MAX_INSNS;
    uint64_t pc = s->pc + 4;
    bool same = true;  /* on this block's own fall-through path */
    for (;;) {
        if (same && (room-- <= 0 || pc >= join))
            same = false;
        if (budget-- <= 0 || !fetch_word(s, pc, &w))
            return false;
        unsigned fx = classify(w, pc, &cond, &target);
        if (fx & FX_OPAQUE)
            return false;
        if ((fx & FX_COND) && cond < 14 &&
            (!same || !fusible(s->cc.kind, cond) ||
             ((fx & FX_COND_INV) && !fusible(s->cc.kind, cond ^ 1))))
            return false;
        if ((fx & FX_CARRY) && (!same || s->cc.kind == CC_UNKNOWN))
            return false;
        if (fx & FX_FORK) {
            if (npaths == LA_MAX_PATHS)
                return false;
            paths[npaths++] = target;
        }
        if (fx & FX_WRITE) {
            /* this path is done: go on with a queued branch target */
            if (!npaths)
                return true;
            pc = paths[--npaths];
            same = false;
        } else if (fx & FX_JUMP) {
            pc = target;
            same = false;
        } else {
            pc += 4;
        }
    }
}

/* ---- setters ---- */

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
    /* res is an op even for CMP #0 in X (the folder makes it a copy): it marks
     * where the flags were set */
    ir_ref res = kb && k == 0 ? (ty == IR_I64 ? gen_or(B, IR_I64, a, b)
                                              : gen_unop(B, IR_zext32, IR_I64, a))
                              : gen_sub(B, ty, a, b);
    s->cc = (struct a64_ccsrc){ CC_SUB, ty, a, b, res };
    if (flags_dead_after(s))
        return res;
    set_nz(s, ty, res);
    if (kb && k == 0) {
        /* CMP x, #0: C = 1 (no borrow), V = 0 */
        gen_set(B, IR_I64, CPU_OFF(cf), gen_const(B, 1));
        gen_set(B, IR_I64, CPU_OFF(vf), gen_const(B, 0));
        return res;
    }
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
    s->cc = (struct a64_ccsrc){ CC_ADD, ty, a, b, res };
    if (flags_dead_after(s))
        return res;
    set_nz(s, ty, res);
    gen_set(B, IR_I64, CPU_OFF(cf), gen_setcond(B, ty, IR_LTU, res, a));
    /* overflow: the result's sign differs from both operands' */
    ir_ref v = gen_and(B, ty, gen_xor(B, ty, a, res), gen_xor(B, ty, b, res));
    gen_set(B, IR_I64, CPU_OFF(vf), sext_flag(s, ty, v));
    return res;
}

ir_ref a64_get_carry(struct a64_ctx *s)
{
    /* from the known source when its stores were left out (or it avoids
     * a read); else opt_state forwards what the last setter stored */
    if (cc_holds_here(s) && (s->cc.kind == CC_LOGIC || !cc_stored(s))) {
        switch (s->cc.kind) {
        case CC_SUB: return gen_setcond(B, s->cc.ty, IR_GEU, s->cc.a, s->cc.b);
        case CC_ADD: return gen_setcond(B, s->cc.ty, IR_LTU, s->cc.res, s->cc.a);
        default: return gen_const(B, 0);
        }
    }
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
    /* no a64_ccsrc kind describes C here: only stores can be skipped when
     * nothing reads the flags before they are overwritten */
    s->cc.kind = CC_UNKNOWN;
    if (flags_dead_after(s))
        return res;
    set_nz(s, ty, res);
    gen_set(B, IR_I64, CPU_OFF(cf), carry);
    ir_ref v = gen_and(B, ty, gen_xor(B, ty, a, res), gen_xor(B, ty, b, res));
    gen_set(B, IR_I64, CPU_OFF(vf), sext_flag(s, ty, v));
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
    /* when res is the AND just built (ANDS/TST), keep its operands: EQ/NE
     * then test them directly and the AND itself may die (TST) */
    const struct ir_op *last = B->nops ? &B->ops[B->nops - 1] : NULL;
    if (last && last->opc == IR_and && last->dst == res && last->type == ty)
        s->cc = (struct a64_ccsrc){ CC_LOGIC, ty, last->arg[0], last->arg[1], res };
    else
        s->cc = (struct a64_ccsrc){ CC_LOGIC, ty, res, 0, res };
    if (flags_dead_after(s))
        return;
    set_nz(s, ty, res);
    gen_set(B, IR_I64, CPU_OFF(cf), gen_const(B, 0));
    gen_set(B, IR_I64, CPU_OFF(vf), gen_const(B, 0));
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


/* conditions on the operands of the known flag source; false if this
 * (source, cond) pair has no single compare */
static bool fused_cond(struct a64_ctx *s, unsigned cond, struct a64_cmp *out)
{
    const struct a64_ccsrc *cc = &s->cc;
    ir_ref zero;
    if (!fusible(cc->kind, cond))
        return false;
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
        if (cond <= 1 && cc->b)
            *out = mk(cc->ty, cond ? IR_TSTNZ : IR_TSTZ, cc->a, cc->b);
        else if (cond == 2 || cond == 6 || cond == 8)
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

struct a64_cmp a64_gen_cond(struct a64_ctx *s, unsigned cond)
{
    struct a64_cmp r;
    ir_ref zero = gen_const(B, 0);
    if (cond >= 14)
        return mk(IR_I64, IR_EQ, zero, zero);
    if (cc_holds_here(s) && fused_cond(s, cond, &r))
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
