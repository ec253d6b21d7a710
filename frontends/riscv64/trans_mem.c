/* trans_mem.c — trans_* handlers for loads, stores (integer and FP) and the A
 * extension (LR/SC and AMOs).
 *
 * Invariants:
 *  - guest address == host address: every access is a MO_USER memop on
 *    rs1 + imm, with the displacement carried by the IR op;
 *  - a load into x0 is still performed (it may fault), its value dropped;
 *  - flw NaN-boxes the 32-bit value; fsw stores the low 32 bits as they are;
 *  - LR records (address, value as loaded) in cpu->res_addr/res_val; SC is a
 *    helper doing a host compare-and-swap against res_val, which always drops
 *    the reservation. x86 is TSO and its locked ops are full barriers, so the
 *    aq/rl bits need no code.
 */
#include "frontends/riscv64/rv_internal.h"

#define B (s->b)

static bool gen_load(struct rv_ctx *s, const struct rv_insn *a, unsigned memop)
{
    ir_ref v = gen_ld(B, memop | MO_USER, gen_get_x(s, a->rs1), (int32_t)a->imm);
    gen_set_x(s, a->rd, v);
    return true;
}

static bool gen_store(struct rv_ctx *s, const struct rv_insn *a, unsigned memop)
{
    gen_st(B, memop | MO_USER, gen_get_x(s, a->rs1), (int32_t)a->imm, gen_get_x(s, a->rs2));
    return true;
}

RV_TRANS(lb)  { return gen_load(s, a, MO_8 | MO_SIGN); }
RV_TRANS(lh)  { return gen_load(s, a, MO_16 | MO_SIGN); }
RV_TRANS(lw)  { return gen_load(s, a, MO_32 | MO_SIGN); }
RV_TRANS(ld)  { return gen_load(s, a, MO_64); }
RV_TRANS(lbu) { return gen_load(s, a, MO_8); }
RV_TRANS(lhu) { return gen_load(s, a, MO_16); }
RV_TRANS(lwu) { return gen_load(s, a, MO_32); }
RV_TRANS(sb)  { return gen_store(s, a, MO_8); }
RV_TRANS(sh)  { return gen_store(s, a, MO_16); }
RV_TRANS(sw)  { return gen_store(s, a, MO_32); }
RV_TRANS(sd)  { return gen_store(s, a, MO_64); }

RV_TRANS(flw)
{
    ir_ref v = gen_ld(B, MO_32 | MO_USER, gen_get_x(s, a->rs1), (int32_t)a->imm);
    gen_set_fbits(s, a->rd, gen_box32(s, v));
    return true;
}

RV_TRANS(fld)
{
    /* straight into an xmm register: doubles rarely need their integer view */
    gen_set_fd(s, a->rd, gen_ldf(B, IR_F64, MO_64 | MO_USER, gen_get_x(s, a->rs1), (int32_t)a->imm));
    return true;
}

RV_TRANS(fsw)
{
    gen_st(B, MO_32 | MO_USER, gen_get_x(s, a->rs1), (int32_t)a->imm, gen_get_fbits(s, a->rs2));
    return true;
}

RV_TRANS(fsd)
{
    gen_st(B, MO_64 | MO_USER, gen_get_x(s, a->rs1), (int32_t)a->imm, gen_get_fd(s, a->rs2));
    return true;
}

/* ---- A ---- */

static bool gen_lr(struct rv_ctx *s, const struct rv_insn *a, unsigned memop)
{
    ir_ref addr = gen_get_x(s, a->rs1);
    ir_ref v = gen_ld(B, memop | MO_USER, addr, 0);
    gen_set(B, IR_I64, CPU_OFF(res_addr), addr);
    gen_set(B, IR_I64, CPU_OFF(res_val), v);
    gen_set_x(s, a->rd, v);
    return true;
}

static bool gen_sc(struct rv_ctx *s, const struct rv_insn *a, int size)
{
    /* MAY_EXIT: the helper's store is a guest access that can fault */
    ir_ref r = gen_call(B, (void *)rv_helper_sc, IR_CALL_RW_STATE | IR_CALL_MAY_EXIT, 3,
                        gen_get_x(s, a->rs1), gen_get_x(s, a->rs2), gen_const(B, size), 0);
    gen_set_x(s, a->rd, r);
    return true;
}

RV_TRANS(lr_w) { return gen_lr(s, a, MO_32 | MO_SIGN); }
RV_TRANS(lr_d) { return gen_lr(s, a, MO_64); }
RV_TRANS(sc_w) { return gen_sc(s, a, 4); }
RV_TRANS(sc_d) { return gen_sc(s, a, 8); }

static bool gen_amo(struct rv_ctx *s, const struct rv_insn *a, int amo, unsigned memop)
{
    ir_ref old = gen_atomic(B, amo, memop | MO_USER, gen_get_x(s, a->rs1), gen_get_x(s, a->rs2));
    if ((memop & MO_SIZE) == MO_32)
        old = gen_unop(B, IR_sext32, IR_I64, old);
    gen_set_x(s, a->rd, old);
    return true;
}

#define AMO_PAIR(name, kind) \
    RV_TRANS(name##_w) { return gen_amo(s, a, kind, MO_32); } \
    RV_TRANS(name##_d) { return gen_amo(s, a, kind, MO_64); }

AMO_PAIR(amoswap, IR_AMO_XCHG)
AMO_PAIR(amoadd, IR_AMO_ADD)
AMO_PAIR(amoxor, IR_AMO_XOR)
AMO_PAIR(amoand, IR_AMO_AND)
AMO_PAIR(amoor, IR_AMO_OR)
AMO_PAIR(amomin, IR_AMO_MIN)
AMO_PAIR(amomax, IR_AMO_MAX)
AMO_PAIR(amominu, IR_AMO_MINU)
AMO_PAIR(amomaxu, IR_AMO_MAXU)
