/* trans_ldst_excl.c — exclusive, ordered and atomic accesses: LDXR/STXR and
 * their acquire/release and pair forms, LDAR/STLR, LDAPR (RCpc), and the
 * ARMv8.1 LSE atomics (LDADD..LDUMIN and their ST* aliases, SWP, CAS, CASP).
 *
 * Invariants:
 *  - the exclusive monitor is (cpu->res_addr, cpu->res_val, cpu->res_val2):
 *    a load-exclusive records the address and the value(s) it read; a
 *    store-exclusive succeeds iff its address is the recorded one and a host
 *    compare-and-swap from the recorded value to the new one succeeds, and
 *    always clears the monitor (ldst_helpers.c). A CAS cannot tell an ABA
 *    change from none, which the architecture would fail, but no lock-free
 *    algorithm written for LL/SC can observe the difference;
 *  - ordering on an x86-64 (TSO) host: every load is already an acquire and
 *    every store a release, and locked instructions (all atomics, CAS and the
 *    helpers' cmpxchg) are full barriers. The one order TSO does not keep is a
 *    store followed by a later load, which Arm's RCsc rules require between
 *    STLR and a following LDAR/LDAXR: STLR is therefore a locked XCHG (a store
 *    that is a full barrier, cheaper than MOV + MFENCE), and STLXR gets it from
 *    the helper's LOCK CMPXCHG (a failing STLXR stores nothing, so it has no
 *    release to order). LDAPR (RCpc) needs nothing at all;
 *  - results narrower than 64 bits are zero-extended into Xt (the IR's
 *    atomic/cmpxchg return the old value zero-extended at the access size).
 */
#include "frontends/aarch64/trans_ldst.h"

#define B (s->b)

static ir_ref gen_pack_w(struct a64_ctx *s, int lo, int hi)
{
    ir_ref l = gen_unop(B, IR_zext32, IR_I64, a64_get_x(s, lo));
    ir_ref h = gen_binop(B, IR_shl, IR_I64, a64_get_x(s, hi), gen_const(B, 32));
    return gen_or(B, IR_I64, l, h);
}

static void gen_unpack_w(struct a64_ctx *s, int lo, int hi, ir_ref v)
{
    ir_ref h = gen_binop(B, IR_shr, IR_I64, v, gen_const(B, 32));
    a64_set_w(s, lo, v);
    a64_set_x(s, hi, h);
}

/* LDXR/LDAXR (pair = false) and LDXP/LDAXP */
static void gen_load_excl(struct a64_ctx *s, unsigned size, bool pair, int rt, int rt2, ir_ref addr)
{
    if (pair && size == 3) {
        ir_ref lo = gen_ld(B, MO_64 | MO_USER, addr, 0);
        ir_ref hi = gen_ld(B, MO_64 | MO_USER, addr, 8);
        gen_set(B, IR_I64, CPU_OFF(res_addr), addr);
        gen_set(B, IR_I64, CPU_OFF(res_val), lo);
        gen_set(B, IR_I64, CPU_OFF(res_val2), hi);
        a64_set_x(s, rt, lo);
        a64_set_x(s, rt2, hi);
        return;
    }
    /* a W pair is one 64-bit access, so it is single-copy atomic */
    ir_ref v = gen_ld(B, (pair ? MO_64 : size) | MO_USER, addr, 0);
    gen_set(B, IR_I64, CPU_OFF(res_addr), addr);
    gen_set(B, IR_I64, CPU_OFF(res_val), v);
    if (pair)
        gen_unpack_w(s, rt, rt2, v);
    else
        a64_set_x(s, rt, v);
}

/* STXR/STLXR and STXP/STLXP; Ws = 0 on success, 1 on failure */
static void gen_store_excl(struct a64_ctx *s, unsigned size, bool pair, int rs, int rt, int rt2,
                           ir_ref addr)
{
    /* the helpers' stores are guest accesses that can fault */
    unsigned fl = IR_CALL_RW_STATE | IR_CALL_MAY_EXIT;
    ir_ref r;
    if (pair && size == 3)
        r = gen_call(B, (void *)a64_helper_stxp, fl, 3, addr, a64_get_x(s, rt), a64_get_x(s, rt2), 0);
    else if (pair)
        r = gen_call(B, (void *)a64_helper_stxr, fl, 3, addr, gen_pack_w(s, rt, rt2),
                     gen_const(B, 3), 0);
    else
        r = gen_call(B, (void *)a64_helper_stxr, fl, 3, addr, a64_get_x(s, rt), gen_const(B, size), 0);
    a64_set_w(s, rs, r);
}

/* CAS/CASA/CASL/CASAL: Rs = compare value, receives the old one; Rt = new */
static void gen_cas(struct a64_ctx *s, unsigned size, int rs, int rt, ir_ref addr)
{
    ir_ref old = gen_cmpxchg(B, size | MO_USER, addr, a64_get_x(s, rs), a64_get_x(s, rt));
    a64_set_x(s, rs, old);
}

/* CASP (pairs of W or X registers, Rs and Rt even) */
static bool gen_casp(struct a64_ctx *s, bool sf, int rs, int rt, ir_ref addr)
{
    if (!sf) {
        ir_ref old = gen_cmpxchg(B, MO_64 | MO_USER, addr, gen_pack_w(s, rs, rs + 1),
                                 gen_pack_w(s, rt, rt + 1));
        gen_unpack_w(s, rs, rs + 1, old);
        return true;
    }
    gen_call(B, (void *)a64_helper_casp, IR_CALL_RW_STATE | IR_CALL_MAY_EXIT, 2, addr,
             gen_const(B, rs | rt << 8), 0, 0);
    return true;
}

/* size 001000 o2 L o1 Rs o0 Rt2 Rn Rt */
bool a64_trans_ldst_excl(struct a64_ctx *s, uint32_t insn)
{
    unsigned size = a64_bits(insn, 30, 2);
    bool o2 = insn & (1u << 23), l = insn & (1u << 22), o1 = insn & (1u << 21);
    bool o0 = insn & (1u << 15);
    int rs = A64_RM(insn), rt2 = A64_RT2(insn), rn = A64_RN(insn), rt = A64_RD(insn);
    bool lse = s->features & A64_F_LSE;

    if (!o2 && !o1) {  /* LDXR, LDAXR, STXR, STLXR */
        ir_ref addr = a64_get_xsp(s, rn);
        if (l)
            gen_load_excl(s, size, false, rt, 0, addr);
        else
            gen_store_excl(s, size, false, rs, rt, 0, addr);
        return true;
    }
    if (!o2 && o1) {
        if (size & 2) {  /* LDXP, LDAXP, STXP, STLXP; sz = size<0> */
            ir_ref addr = a64_get_xsp(s, rn);
            if (l)
                gen_load_excl(s, 2 + (size & 1), true, rt, rt2, addr);
            else
                gen_store_excl(s, 2 + (size & 1), true, rs, rt, rt2, addr);
            return true;
        }
        /* CASP, CASPA, CASPL, CASPAL */
        if (!lse || rt2 != 31 || (rs & 1) || (rt & 1))
            return false;
        return gen_casp(s, size & 1, rs, rt, a64_get_xsp(s, rn));
    }
    if (o2 && !o1) {  /* LDAR, STLR; the o0 = 0 forms (LDLAR/STLLR) need FEAT_LOR */
        if (!o0)
            return false;
        ir_ref addr = a64_get_xsp(s, rn);
        if (l)
            a64_set_x(s, rt, gen_ld(B, size | MO_USER, addr, 0));
        else
            gen_atomic(B, IR_AMO_XCHG, size | MO_USER, addr, a64_get_x(s, rt));
        return true;
    }
    /* CAS, CASA, CASL, CASAL */
    if (!lse || rt2 != 31)
        return false;
    gen_cas(s, size, rs, rt, a64_get_xsp(s, rn));
    return true;
}

/* o3:opc of the atomic memory operations -> IR_AMO_* */
static const int8_t lse_amo[8] = {
    /* LDADD        LDCLR       LDEOR       LDSET */
    IR_AMO_ADD,  IR_AMO_AND, IR_AMO_XOR, IR_AMO_OR,
    /* LDSMAX       LDSMIN      LDUMAX      LDUMIN */
    IR_AMO_MAX,  IR_AMO_MIN, IR_AMO_MAXU, IR_AMO_MINU,
};

/* size 111 0 00 A R 1 Rs o3 opc 00 Rn Rt: LSE atomics, SWP, LDAPR */
bool a64_trans_ldst_atomic(struct a64_ctx *s, uint32_t insn)
{
    unsigned size = a64_bits(insn, 30, 2), opc = a64_bits(insn, 12, 3);
    bool o3 = insn & (1u << 15), a = insn & (1u << 23), r = insn & (1u << 22);
    int rs = A64_RM(insn), rn = A64_RN(insn), rt = A64_RD(insn);
    if (insn & (1u << 26))
        return false;
    if (o3) {
        if (opc == 4 && a && !r && rs == 31) {  /* LDAPR: an ordinary load on TSO */
            if (!(s->features & A64_F_LRCPC))
                return false;
            a64_set_x(s, rt, gen_ld(B, size | MO_USER, a64_get_xsp(s, rn), 0));
            return true;
        }
        if (opc != 0 || !(s->features & A64_F_LSE))
            return false;
        /* SWP */
        ir_ref old = gen_atomic(B, IR_AMO_XCHG, size | MO_USER, a64_get_xsp(s, rn), a64_get_x(s, rs));
        a64_set_x(s, rt, old);
        return true;
    }
    if (!(s->features & A64_F_LSE))
        return false;
    ir_ref v = a64_get_x(s, rs);
    if (opc == 1)  /* LDCLR: mem & ~Rs */
        v = gen_unop(B, IR_not, IR_I64, v);
    ir_ref old = gen_atomic(B, lse_amo[opc], size | MO_USER, a64_get_xsp(s, rn), v);
    a64_set_x(s, rt, old);
    return true;
}
