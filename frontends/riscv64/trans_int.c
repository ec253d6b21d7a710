/* trans_int.c — trans_* handlers for the integer ISA: RV64I (except loads and
 * stores), M, Zicsr, Zifencei, Zba, Zbb and Zbs.
 *
 * Invariants:
 *  - x0 as a source is the constant 0; an ALU result for rd = x0 is not built
 *    at all (the insn has no other effect);
 *  - W-forms compute in IR_I32 (which zero-extends) and sign-extend the 32-bit
 *    result with IR_sext32, as RV64 defines them;
 *  - jumps and the system insns end the block (s->stop); conditional branches
 *    are side exits and the block continues with the fall-through insn;
 *  - a CSR that is not implemented, or a write to a read-only one, is refused
 *    before any IR is built (=> SIGILL).
 */
#include "frontends/riscv64/rv_internal.h"

#define B (s->b)

/* ---- shared shapes ---- */

static bool gen_alu(struct rv_ctx *s, const struct rv_insn *a, enum ir_opc opc)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_binop(B, opc, IR_I64, gen_get_x(s, a->rs1), gen_get_x(s, a->rs2)));
    return true;
}

static bool gen_alu_imm(struct rv_ctx *s, const struct rv_insn *a, enum ir_opc opc)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_binop(B, opc, IR_I64, gen_get_x(s, a->rs1), gen_const(B, a->imm)));
    return true;
}

static ir_ref gen_sext32(struct rv_ctx *s, ir_ref v)
{
    return gen_unop(B, IR_sext32, IR_I64, v);
}

static bool gen_alu_w(struct rv_ctx *s, const struct rv_insn *a, enum ir_opc opc)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_sext32(s, gen_binop(B, opc, IR_I32, gen_get_x(s, a->rs1),
                                                    gen_get_x(s, a->rs2))));
    return true;
}

static bool gen_alu_imm_w(struct rv_ctx *s, const struct rv_insn *a, enum ir_opc opc)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_sext32(s, gen_binop(B, opc, IR_I32, gen_get_x(s, a->rs1),
                                                    gen_const(B, a->imm))));
    return true;
}

static bool gen_unary(struct rv_ctx *s, const struct rv_insn *a, enum ir_opc opc, enum ir_type ty)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_unop(B, opc, ty, gen_get_x(s, a->rs1)));
    return true;
}

static bool gen_setcc(struct rv_ctx *s, const struct rv_insn *a, enum ir_cond cond, ir_ref rhs)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_setcond(B, IR_I64, cond, gen_get_x(s, a->rs1), rhs));
    return true;
}

/* ---- RV64I ---- */

RV_TRANS(lui)
{
    gen_set_x(s, a->rd, gen_const(B, a->imm));
    return true;
}

RV_TRANS(auipc)
{
    gen_set_x(s, a->rd, gen_const(B, (int64_t)(s->pc + (uint64_t)a->imm)));
    return true;
}

RV_TRANS(jal)
{
    gen_set_x(s, a->rd, gen_const(B, (int64_t)s->next_pc));
    gen_goto(B, s->pc + (uint64_t)a->imm);
    s->stop = true;
    return true;
}

static bool is_link(int r)
{
    return r == RV_RA || r == 5;  /* x1 and x5 are the link registers of the RAS hints */
}

RV_TRANS(jalr)
{
    ir_ref t = gen_get_x(s, a->rs1);
    if (a->imm)
        t = gen_addi(B, IR_I64, t, a->imm);
    /* the target is computed before rd is written: rd may be rs1 */
    t = gen_and(B, IR_I64, t, gen_const(B, ~(int64_t)1));
    gen_set_x(s, a->rd, gen_const(B, (int64_t)s->next_pc));
    int hint = IR_JMP_PLAIN;
    if (is_link(a->rd))
        hint = IR_JMP_CALL;
    else if (is_link(a->rs1))
        hint = IR_JMP_RET;
    gen_goto_ind(B, t, hint);
    s->stop = true;
    return true;
}

static bool gen_branch(struct rv_ctx *s, const struct rv_insn *a, enum ir_cond cond)
{
    uint64_t target = s->pc + (uint64_t)a->imm;
    if (a->rs1 == a->rs2) {
        /* operands equal: the outcome is known now */
        if (cond == IR_EQ || cond == IR_GE || cond == IR_GEU) {
            gen_goto(B, target);
            s->stop = true;
        }
        return true;
    }
    gen_exit_cond(B, IR_I64, cond, gen_get_x(s, a->rs1), gen_get_x(s, a->rs2), target);
    return true;
}

RV_TRANS(beq)  { return gen_branch(s, a, IR_EQ); }
RV_TRANS(bne)  { return gen_branch(s, a, IR_NE); }
RV_TRANS(blt)  { return gen_branch(s, a, IR_LT); }
RV_TRANS(bge)  { return gen_branch(s, a, IR_GE); }
RV_TRANS(bltu) { return gen_branch(s, a, IR_LTU); }
RV_TRANS(bgeu) { return gen_branch(s, a, IR_GEU); }

RV_TRANS(addi)  { return gen_alu_imm(s, a, IR_add); }
RV_TRANS(xori)  { return gen_alu_imm(s, a, IR_xor); }
RV_TRANS(ori)   { return gen_alu_imm(s, a, IR_or); }
RV_TRANS(andi)  { return gen_alu_imm(s, a, IR_and); }
RV_TRANS(slli)  { return gen_alu_imm(s, a, IR_shl); }
RV_TRANS(srli)  { return gen_alu_imm(s, a, IR_shr); }
RV_TRANS(srai)  { return gen_alu_imm(s, a, IR_sar); }
RV_TRANS(slti)  { return gen_setcc(s, a, IR_LT, gen_const(B, a->imm)); }
RV_TRANS(sltiu) { return gen_setcc(s, a, IR_LTU, gen_const(B, a->imm)); }

RV_TRANS(add)  { return gen_alu(s, a, IR_add); }
RV_TRANS(sub)  { return gen_alu(s, a, IR_sub); }
RV_TRANS(sll)  { return gen_alu(s, a, IR_shl); }
RV_TRANS(srl)  { return gen_alu(s, a, IR_shr); }
RV_TRANS(sra)  { return gen_alu(s, a, IR_sar); }
RV_TRANS(xor)  { return gen_alu(s, a, IR_xor); }
RV_TRANS(or)   { return gen_alu(s, a, IR_or); }
RV_TRANS(and)  { return gen_alu(s, a, IR_and); }
RV_TRANS(slt)  { return gen_setcc(s, a, IR_LT, gen_get_x(s, a->rs2)); }
RV_TRANS(sltu) { return gen_setcc(s, a, IR_LTU, gen_get_x(s, a->rs2)); }

RV_TRANS(addiw) { return gen_alu_imm_w(s, a, IR_add); }
RV_TRANS(slliw) { return gen_alu_imm_w(s, a, IR_shl); }
RV_TRANS(srliw) { return gen_alu_imm_w(s, a, IR_shr); }
RV_TRANS(sraiw) { return gen_alu_imm_w(s, a, IR_sar); }
RV_TRANS(addw)  { return gen_alu_w(s, a, IR_add); }
RV_TRANS(subw)  { return gen_alu_w(s, a, IR_sub); }
RV_TRANS(sllw)  { return gen_alu_w(s, a, IR_shl); }
RV_TRANS(srlw)  { return gen_alu_w(s, a, IR_shr); }
RV_TRANS(sraw)  { return gen_alu_w(s, a, IR_sar); }

/* fence pred/succ bits, in the nibble order of the encoding */
#define FENCE_I 8
#define FENCE_O 4
#define FENCE_R 2
#define FENCE_W 1
#define FENCE_FM_TSO 8

RV_TRANS(fence)
{
    unsigned fm = (a->imm >> 8) & 15, pred = (a->imm >> 4) & 15, succ = a->imm & 15;
    /* x86 is TSO: loads and stores are already ordered except an earlier
     * store before a later load, the one case that needs mfence. fence.tso
     * asks for exactly TSO, so it never needs one. */
    if (fm != FENCE_FM_TSO && (pred & (FENCE_W | FENCE_O)) && (succ & (FENCE_R | FENCE_I)))
        gen_fence(B);
    return true;
}

RV_TRANS(fence_i)
{
    (void)a;
    gen_exit(B, EXIT_FLUSH, s->next_pc);
    s->stop = true;
    return true;
}

RV_TRANS(ecall)
{
    (void)a;
    gen_exit(B, EXIT_SYSCALL, s->pc);
    s->stop = true;
    return true;
}

RV_TRANS(ebreak)
{
    (void)a;
    gen_exit(B, EXIT_SIGTRAP, s->pc);
    s->stop = true;
    return true;
}

/* ---- Zicsr ---- */

/* Whether the insn may touch the CSR: only the FP CSRs (when the model has F
 * and D) and the read-only counters exist for user code. */
static bool csr_legal(struct rv_ctx *s, unsigned csr, bool writes)
{
    switch (csr) {
    case RV_CSR_FFLAGS:
    case RV_CSR_FRM:
    case RV_CSR_FCSR:
        return (s->features & RV_F_FD) != 0;
    case RV_CSR_CYCLE:
    case RV_CSR_TIME:
    case RV_CSR_INSTRET:
        return !writes;
    default:
        return false;
    }
}

/* `writes` says whether the insn writes the CSR at all (csrrs/csrrc with x0
 * or uimm 0 only read it); `imm_src` picks the uimm form. The source is read
 * only after the legality check, so a refused insn builds no IR. */
static bool gen_csr(struct rv_ctx *s, const struct rv_insn *a, int op, bool writes, bool imm_src)
{
    unsigned csr = (unsigned)a->imm;
    if (!csr_legal(s, csr, writes))
        return false;
    if (csr >= RV_CSR_CYCLE) {
        if (a->rd)
            gen_set_x(s, a->rd, gen_call(B, (void *)rv_helper_counter, 0, 1, gen_const(B, csr),
                                         0, 0, 0));
        return true;
    }
    ir_ref src = !writes ? gen_const(B, 0) : imm_src ? gen_const(B, a->rs1) : gen_get_x(s, a->rs1);
    if (csr == RV_CSR_FFLAGS) {
        /* inline: glibc brackets quiet compares with frflags/fsflags */
        ir_ref old = gen_fflags_get(B);
        if (writes) {
            ir_ref nv = op == RV_CSR_WRITE ? src
                      : op == RV_CSR_SET ? gen_or(B, IR_I64, old, src)
                                         : gen_binop(B, IR_andn, IR_I64, old, src);
            gen_fflags_set(B, nv);
        }
        gen_set_x(s, a->rd, old);
        return true;
    }
    ir_ref old = gen_call(B, (void *)rv_helper_csr_fp, IR_CALL_RW_STATE, 3, gen_const(B, csr), src,
                          gen_const(B, writes ? op : RV_CSR_READ), 0);
    gen_set_x(s, a->rd, old);
    if (writes) {
        /* a new rounding mode may need new translations: back to the
         * dispatcher, unchained (rare: fesetround, fesetenv) */
        gen_exit(B, EXIT_LOOKUP, s->next_pc);
        s->stop = true;
    }
    return true;
}

RV_TRANS(csrrw)  { return gen_csr(s, a, RV_CSR_WRITE, true, false); }
RV_TRANS(csrrs)  { return gen_csr(s, a, RV_CSR_SET, a->rs1 != 0, false); }
RV_TRANS(csrrc)  { return gen_csr(s, a, RV_CSR_CLEAR, a->rs1 != 0, false); }
RV_TRANS(csrrwi) { return gen_csr(s, a, RV_CSR_WRITE, true, true); }
RV_TRANS(csrrsi) { return gen_csr(s, a, RV_CSR_SET, a->rs1 != 0, true); }
RV_TRANS(csrrci) { return gen_csr(s, a, RV_CSR_CLEAR, a->rs1 != 0, true); }

/* ---- M (the IR's div/rem already give RISC-V's x/0 and overflow results) ---- */

RV_TRANS(mul)    { return gen_alu(s, a, IR_mul); }
RV_TRANS(mulh)   { return gen_alu(s, a, IR_mulh); }
RV_TRANS(mulhsu) { return gen_alu(s, a, IR_mulhsu); }
RV_TRANS(mulhu)  { return gen_alu(s, a, IR_mulhu); }
RV_TRANS(div)    { return gen_alu(s, a, IR_div); }
RV_TRANS(divu)   { return gen_alu(s, a, IR_divu); }
RV_TRANS(rem)    { return gen_alu(s, a, IR_rem); }
RV_TRANS(remu)   { return gen_alu(s, a, IR_remu); }
RV_TRANS(mulw)   { return gen_alu_w(s, a, IR_mul); }
RV_TRANS(divw)   { return gen_alu_w(s, a, IR_div); }
RV_TRANS(divuw)  { return gen_alu_w(s, a, IR_divu); }
RV_TRANS(remw)   { return gen_alu_w(s, a, IR_rem); }
RV_TRANS(remuw)  { return gen_alu_w(s, a, IR_remu); }

/* ---- Zba ---- */

static bool gen_shadd(struct rv_ctx *s, const struct rv_insn *a, int sh, bool uw)
{
    if (!a->rd)
        return true;
    ir_ref x = gen_get_x(s, a->rs1);
    if (uw)
        x = gen_unop(B, IR_zext32, IR_I64, x);
    if (sh)
        x = gen_binop(B, IR_shl, IR_I64, x, gen_const(B, sh));
    gen_set_x(s, a->rd, gen_add(B, IR_I64, x, gen_get_x(s, a->rs2)));
    return true;
}

RV_TRANS(sh1add)    { return gen_shadd(s, a, 1, false); }
RV_TRANS(sh2add)    { return gen_shadd(s, a, 2, false); }
RV_TRANS(sh3add)    { return gen_shadd(s, a, 3, false); }
RV_TRANS(sh1add_uw) { return gen_shadd(s, a, 1, true); }
RV_TRANS(sh2add_uw) { return gen_shadd(s, a, 2, true); }
RV_TRANS(sh3add_uw) { return gen_shadd(s, a, 3, true); }
RV_TRANS(add_uw)    { return gen_shadd(s, a, 0, true); }

RV_TRANS(slli_uw)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_binop(B, IR_shl, IR_I64,
                                      gen_unop(B, IR_zext32, IR_I64, gen_get_x(s, a->rs1)),
                                      gen_const(B, a->imm)));
    return true;
}

/* ---- Zbb ---- */

RV_TRANS(andn)   { return gen_alu(s, a, IR_andn); }
RV_TRANS(orn)    { return gen_alu(s, a, IR_orn); }
RV_TRANS(xnor)   { return gen_alu(s, a, IR_xnor); }
RV_TRANS(clz)    { return gen_unary(s, a, IR_clz, IR_I64); }
RV_TRANS(ctz)    { return gen_unary(s, a, IR_ctz, IR_I64); }
RV_TRANS(cpop)   { return gen_unary(s, a, IR_popcnt, IR_I64); }
/* I32 results are 0..32, already correct when zero-extended */
RV_TRANS(clzw)   { return gen_unary(s, a, IR_clz, IR_I32); }
RV_TRANS(ctzw)   { return gen_unary(s, a, IR_ctz, IR_I32); }
RV_TRANS(cpopw)  { return gen_unary(s, a, IR_popcnt, IR_I32); }
RV_TRANS(sext_b) { return gen_unary(s, a, IR_sext8, IR_I64); }
RV_TRANS(sext_h) { return gen_unary(s, a, IR_sext16, IR_I64); }
RV_TRANS(zext_h) { return gen_unary(s, a, IR_zext16, IR_I64); }
RV_TRANS(rev8)   { return gen_unary(s, a, IR_bswap, IR_I64); }
RV_TRANS(rol)    { return gen_alu(s, a, IR_rotl); }
RV_TRANS(ror)    { return gen_alu(s, a, IR_rotr); }
RV_TRANS(rori)   { return gen_alu_imm(s, a, IR_rotr); }
RV_TRANS(rolw)   { return gen_alu_w(s, a, IR_rotl); }
RV_TRANS(rorw)   { return gen_alu_w(s, a, IR_rotr); }
RV_TRANS(roriw)  { return gen_alu_imm_w(s, a, IR_rotr); }

static bool gen_minmax(struct rv_ctx *s, const struct rv_insn *a, enum ir_cond pick_rs1)
{
    if (a->rd) {
        ir_ref x = gen_get_x(s, a->rs1), y = gen_get_x(s, a->rs2);
        gen_set_x(s, a->rd, gen_select(B, IR_I64, pick_rs1, x, y, x, y));
    }
    return true;
}

RV_TRANS(max)  { return gen_minmax(s, a, IR_GT); }
RV_TRANS(maxu) { return gen_minmax(s, a, IR_GTU); }
RV_TRANS(min)  { return gen_minmax(s, a, IR_LT); }
RV_TRANS(minu) { return gen_minmax(s, a, IR_LTU); }

RV_TRANS(orc_b)
{
    if (!a->rd)
        return true;
    /* Adding 0x7f to each byte's low 7 bits carries into bit 7 iff they are
     * non-zero; or-ing the byte back covers a set bit 7. That leaves bit 7 of
     * each byte = (byte != 0); spread it over the byte with a multiply by
     * 0xff, which cannot carry across bytes. */
    const int64_t low7 = 0x7f7f7f7f7f7f7f7fll, high = (int64_t)0x8080808080808080ull;
    ir_ref x = gen_get_x(s, a->rs1);
    ir_ref t = gen_add(B, IR_I64, gen_and(B, IR_I64, x, gen_const(B, low7)), gen_const(B, low7));
    t = gen_and(B, IR_I64, gen_or(B, IR_I64, t, x), gen_const(B, high));
    t = gen_binop(B, IR_shr, IR_I64, t, gen_const(B, 7));
    gen_set_x(s, a->rd, gen_binop(B, IR_mul, IR_I64, t, gen_const(B, 0xff)));
    return true;
}

/* ---- Zbs ---- */

static ir_ref gen_bit(struct rv_ctx *s, const struct rv_insn *a)
{
    return gen_binop(B, IR_shl, IR_I64, gen_const(B, 1), gen_get_x(s, a->rs2));
}

RV_TRANS(bclr)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_binop(B, IR_andn, IR_I64, gen_get_x(s, a->rs1), gen_bit(s, a)));
    return true;
}

RV_TRANS(binv)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_xor(B, IR_I64, gen_get_x(s, a->rs1), gen_bit(s, a)));
    return true;
}

RV_TRANS(bset)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_or(B, IR_I64, gen_get_x(s, a->rs1), gen_bit(s, a)));
    return true;
}

RV_TRANS(bext)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_and(B, IR_I64, gen_binop(B, IR_shr, IR_I64, gen_get_x(s, a->rs1),
                                                         gen_get_x(s, a->rs2)),
                                    gen_const(B, 1)));
    return true;
}

static bool gen_bit_imm(struct rv_ctx *s, const struct rv_insn *a, enum ir_opc opc, int64_t mask)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_binop(B, opc, IR_I64, gen_get_x(s, a->rs1), gen_const(B, mask)));
    return true;
}

RV_TRANS(bclri) { return gen_bit_imm(s, a, IR_and, (int64_t)~(1ull << a->imm)); }
RV_TRANS(binvi) { return gen_bit_imm(s, a, IR_xor, (int64_t)(1ull << a->imm)); }
RV_TRANS(bseti) { return gen_bit_imm(s, a, IR_or, (int64_t)(1ull << a->imm)); }

RV_TRANS(bexti)
{
    if (a->rd)
        gen_set_x(s, a->rd, gen_and(B, IR_I64, gen_binop(B, IR_shr, IR_I64, gen_get_x(s, a->rs1),
                                                         gen_const(B, a->imm)),
                                    gen_const(B, 1)));
    return true;
}
