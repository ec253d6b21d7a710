/* x86_backend.c — register allocation and instruction selection for one IR
 * block (integer, memory, atomics, helper calls, exits). FP ops: x86_fp.c;
 * the planning passes that run before emission: x86_plan.c.
 *
 * Invariants (see also x86_be.h):
 *  - the block is straight-line code; the only branches are side exits and the
 *    final exit, all leaving the block, so allocator state never merges;
 *  - guest state is written back by the IR's own `set` ops (opt_state keeps only
 *    the needed ones), so exits never need a register write-back;
 *  - direct exits are `jcc/jmp rel32` whose displacement is 4-byte aligned, so
 *    chaining can patch it with one aligned store;
 *  - per guest insn, a mark records (host offset, guest pc) for fault recovery.
 */
#include "jit/x86_be.h"

#include <stdlib.h>
#include <string.h>

#include "jit/jit.h"
#include "runner/tern.h"

/* allocation order: callee-saved first (they survive helper calls) */
static const int8_t gpr_order[] = {RBX, R12, R13, R14, R15, RSI, RDI, R8, R9, R10, RCX, RDX, RAX};
#define CALLER_SAVED ((1u << RAX) | (1u << RCX) | (1u << RDX) | (1u << RSI) | (1u << RDI) | \
                      (1u << R8) | (1u << R9) | (1u << R10) | (1u << R11))

/* FP loop-home slots: riscv64's f registers (0..31) and the 64-bit halves of
 * aarch64's V registers (32 + 2n + half), 64 bits each */
#define NFSLOTS BE_NFSLOTS
static int32_t fslot_off(int i) { return i < 32 ? CPU_FPR(i) : CPU_VREG(0, 0) + 8 * (i - 32); }
static int fslot_of(int32_t off)
{
    int32_t f = off - CPU_FPR(0), v = off - CPU_VREG(0, 0);
    if (f >= 0 && f < 32 * 8 && !(f & 7))
        return f / 8;
    if (v >= 0 && v < 32 * 16 && !(v & 7))
        return 32 + v / 8;
    return -1;
}
/* whether [off, off+8) overlaps an FP slot other than through its start */
static int fslot_overlap(int32_t off)
{
    for (int d = -7; d <= 7; d++)
        if (d && fslot_of(off + d) >= 0)
            return fslot_of(off + d);
    return -1;
}

struct xrm be_cpu_mem(int32_t cpu_off) { return RM_M(CPU_REG, cpu_off - CPU_BIAS); }
static struct xrm slot_mem(int slot) { return RM_M(RSP, BE_SLOT0 + 8 * slot); }

bool be_is_const(struct be *e, ir_ref t) { return t && e->b->temps[t].is_const; }
int64_t be_const(struct be *e, ir_ref t) { return e->b->temps[t].val; }
bool be_dies(struct be *e, ir_ref t) { return t && !be_is_const(e, t) && e->last_use[t] <= e->cur; }
bool be_is_xmm_temp(struct be *e, ir_ref t) { return e->b->temps[t].kind != IRK_INT; }

static int next_use(struct be *e, ir_ref t)
{
    int32_t i = e->use_idx[t], end = e->use_start[t + 1];
    while (i < end && e->uses[i] < e->cur)
        i++;
    e->use_idx[t] = i;
    return i < end ? e->uses[i] : 1 << 30;
}

static int get_slot(struct be *e, ir_ref t)
{
    if (e->slot[t] < 0) {
        if (e->nslots >= BE_MAX_SLOTS) {
            e->failed = 1;
            return 0;
        }
        e->slot[t] = (int16_t)e->nslots++;
    }
    return e->slot[t];
}

static void spill(struct be *e, ir_ref t)
{
    int r = e->reg[t];
    if (!e->in_slot[t] && e->lazy[t] < 0) { /* a lazy temp reloads from struct cpu */
        int s = get_slot(e, t);
        if (be_is_xmm_temp(e, t))
            emit_movsd_store(e->xb, true, slot_mem(s), r);
        else
            emit_mov_m_r(e->xb, true, slot_mem(s), r);
        e->in_slot[t] = 1;
    }
    if (be_is_xmm_temp(e, t))
        e->xmm_owner[r] = 0;
    else
        e->gpr_owner[r] = 0;
    e->reg[t] = -1;
}

static int pick_gpr(struct be *e, uint32_t avoid)
{
    avoid |= e->busy | e->reserved | (1u << RSP) | (1u << RBP) | (1u << R11);
    for (unsigned i = 0; i < sizeof(gpr_order); i++) {
        int r = gpr_order[i];
        if (!(avoid & (1u << r)) && !e->gpr_owner[r])
            return r;
    }
    int best = -1, best_nu = -1;
    for (unsigned i = 0; i < sizeof(gpr_order); i++) {
        int r = gpr_order[i];
        if (avoid & (1u << r))
            continue;
        int nu = next_use(e, e->gpr_owner[r]);
        if (nu > best_nu) {
            best_nu = nu;
            best = r;
        }
    }
    if (best < 0) {
        e->failed = 1;
        return RAX;
    }
    spill(e, e->gpr_owner[best]);
    return best;
}

static int pick_xmm(struct be *e, uint32_t avoid)
{
    avoid |= e->xbusy | e->xreserved | (1u << XSCRATCH);
    for (int r = 0; r < 16; r++)
        if (!(avoid & (1u << r)) && !e->xmm_owner[r])
            return r;
    int best = -1, best_nu = -1;
    for (int r = 0; r < 16; r++) {
        if (avoid & (1u << r))
            continue;
        int nu = next_use(e, e->xmm_owner[r]);
        if (nu > best_nu) {
            best_nu = nu;
            best = r;
        }
    }
    if (best < 0) {
        e->failed = 1;
        return 0;
    }
    spill(e, e->xmm_owner[best]);
    return best;
}

int be_tmp_gpr(struct be *e)
{
    int r = pick_gpr(e, 0);
    e->busy |= 1u << r;
    return r;
}

int be_gpr(struct be *e, ir_ref t)
{
    if (be_is_const(e, t)) {
        int r = be_tmp_gpr(e);
        emit_mov_ri(e->xb, r, (uint64_t)be_const(e, t));
        return r;
    }
    int r = e->reg[t];
    if (r < 0) {
        r = pick_gpr(e, 0);
        if (e->lazy[t] >= 0) {
            struct ir_op *g = &e->b->ops[e->lazy[t]];
            emit_mov_r_m(e->xb, g->type == IR_I64, r, be_cpu_mem((int32_t)g->imm));
        } else if (e->slot[t] >= 0 && e->in_slot[t]) {
            emit_mov_r_m(e->xb, true, r, slot_mem(e->slot[t]));
        }
        e->reg[t] = (int8_t)r;
        e->gpr_owner[r] = t;
    }
    e->busy |= 1u << r;
    return r;
}

/* t as a memory operand of a w64 (or 32-bit) op: a lazy get not yet loaded */
static bool lazy_mem(struct be *e, ir_ref t, bool w64, struct xrm *m)
{
    /* only for the last use: a value read again is loaded once instead */
    if (!t || be_is_const(e, t) || e->lazy[t] < 0 || e->reg[t] >= 0 || e->last_use[t] > e->cur)
        return false;
    struct ir_op *g = &e->b->ops[e->lazy[t]];
    if (w64 && g->type != IR_I64)
        return false; /* a 32-bit get is zero-extended: not the 8 bytes in memory */
    *m = be_cpu_mem((int32_t)g->imm);
    return true;
}

int be_xmm(struct be *e, ir_ref t)
{
    if (be_is_const(e, t)) {
        int r = pick_xmm(e, 0);
        e->xbusy |= 1u << r;
        emit_mov_ri(e->xb, SCRATCH, (uint64_t)be_const(e, t));
        emit_movq_x_r(e->xb, true, r, SCRATCH);
        return r;
    }
    int r = e->reg[t];
    if (r < 0) {
        r = pick_xmm(e, 0);
        if (e->slot[t] >= 0 && e->in_slot[t])
            emit_movsd_load(e->xb, true, r, slot_mem(e->slot[t]));
        e->reg[t] = (int8_t)r;
        e->xmm_owner[r] = t;
    }
    e->xbusy |= 1u << r;
    return r;
}

void be_evict_gpr(struct be *e, int r)
{
    ir_ref t = e->gpr_owner[r];
    e->busy |= 1u << r;
    if (!t)
        return;
    if (be_dies(e, t) && e->cur > e->last_use[t]) { /* already dead */
        e->gpr_owner[r] = 0;
        e->reg[t] = -1;
        return;
    }
    /* move it to another free register if there is one, else spill */
    uint32_t avoid = e->busy | e->reserved | (1u << RSP) | (1u << RBP) | (1u << R11);
    for (unsigned i = 0; i < sizeof(gpr_order); i++) {
        int n = gpr_order[i];
        if (!(avoid & (1u << n)) && !e->gpr_owner[n]) {
            emit_mov_rr(e->xb, true, n, r);
            e->gpr_owner[n] = t;
            e->gpr_owner[r] = 0;
            e->reg[t] = (int8_t)n;
            return;
        }
    }
    spill(e, t);
}

void be_release_dead(struct be *e)
{
    for (int a = e->rd_start[e->cur]; a < e->rd_start[e->cur + 1]; a++) {
        ir_ref t = e->rd[a];
        if (!be_dies(e, t) || e->reg[t] < 0)
            continue;
        if (be_is_xmm_temp(e, t))
            e->xmm_owner[e->reg[t]] = 0;
        else
            e->gpr_owner[e->reg[t]] = 0;
        if (e->nrel < BE_MAX_READS) { /* the fault map may still find it there */
            e->rel_t[e->nrel] = t;
            e->rel_r[e->nrel++] = e->reg[t];
        }
        e->reg[t] = -1; /* register stays busy until the op is emitted */
    }
}

int be_def_gpr(struct be *e, ir_ref dst, int prefer)
{
    int r;
    int ht = e->home_target[dst];
    /* into its home: unless the home still holds a live value, or an operand
     * of this op that the lowering does not accept as its destination */
    if (ht >= 0 && !e->gpr_owner[ht] && (!(e->busy & (1u << ht)) || prefer == ht))
        r = ht;
    else if (prefer >= 0 && !e->gpr_owner[prefer] && !(e->reserved & (1u << prefer)))
        r = prefer;
    else
        r = pick_gpr(e, 0);
    e->reg[dst] = (int8_t)r;
    e->gpr_owner[r] = dst;
    e->in_slot[dst] = 0;
    e->busy |= 1u << r;
    return r;
}

int be_def_xmm(struct be *e, ir_ref dst, int prefer)
{
    int r;
    if (prefer >= 0 && !e->xmm_owner[prefer])
        r = prefer;
    else
        r = pick_xmm(e, 0);
    e->reg[dst] = (int8_t)r;
    e->xmm_owner[r] = dst;
    e->in_slot[dst] = 0;
    e->xbusy |= 1u << r;
    return r;
}

/* after an op: a result nobody reads frees its register at once */
static void end_op(struct be *e, struct ir_op *op)
{
    if (ir_opdefs[op->opc].has_dst && op->dst && e->last_use[op->dst] < 0 && e->reg[op->dst] >= 0) {
        if (be_is_xmm_temp(e, op->dst))
            e->xmm_owner[e->reg[op->dst]] = 0;
        else
            e->gpr_owner[e->reg[op->dst]] = 0;
        e->reg[op->dst] = -1;
    }
    e->busy = 0;
    e->xbusy = 0;
    e->nrel = 0;
}

void be_slow_call(struct be *e, void *fn)
{
    emit_mov_ri(e->xb, SCRATCH, (uint64_t)(uintptr_t)fn);
    emit_mov_m_r(e->xb, true, be_cpu_mem(CPU_OFF(scratch[3])), SCRATCH);
    emit_mov_ri(e->xb, SCRATCH, (uint64_t)(uintptr_t)e->slow_thunk);
    emit_call_r(e->xb, SCRATCH);
}

/* ---- conditions ---- */

static const uint8_t cc_of[IR_NUM_CONDS] = {
    [IR_EQ] = CC_E, [IR_NE] = CC_NE, [IR_LT] = CC_L, [IR_GE] = CC_GE,
    [IR_LTU] = CC_B, [IR_GEU] = CC_AE, [IR_LE] = CC_LE, [IR_GT] = CC_G,
    [IR_LEU] = CC_BE, [IR_GTU] = CC_A, [IR_TSTZ] = CC_E, [IR_TSTNZ] = CC_NE};
static const uint8_t cond_swapped[IR_NUM_CONDS] = {
    [IR_EQ] = IR_EQ, [IR_NE] = IR_NE, [IR_LT] = IR_GT, [IR_GE] = IR_LE,
    [IR_LTU] = IR_GTU, [IR_GEU] = IR_LEU, [IR_LE] = IR_GE, [IR_GT] = IR_LT,
    [IR_LEU] = IR_GEU, [IR_GTU] = IR_LTU, [IR_TSTZ] = IR_TSTZ, [IR_TSTNZ] = IR_TSTNZ};

/* operands of a compare, brought into registers (an imm32 second operand stays
 * an immediate); call before be_release_dead */
struct cmp_ops { int cond; int ra; int rb; bool imm; int32_t iv; bool w64; bool mem; struct xrm m;
                 int bit; /* TSTZ/TSTNZ of one bit that is no imm32: bt */
                 ir_ref ta, tb; /* the operands as compared (after any swap) */ };

/* k if v has exactly one bit set, else -1 */
static int single_bit(uint64_t v) { return v && !(v & (v - 1)) ? __builtin_ctzll(v) : -1; }

static bool unloaded_lazy(struct be *e, ir_ref t)
{
    return t && !be_is_const(e, t) && e->lazy[t] >= 0 && e->reg[t] < 0;
}

static struct cmp_ops load_cmp(struct be *e, enum ir_type ty, int cond, ir_ref a, ir_ref b)
{
    struct cmp_ops c = {cond, -1, -1, false, 0, ty == IR_I64, false, RM_R(0), -1, a, b};
    /* a constant, or a value still in struct cpu, goes second */
    if ((be_is_const(e, a) && !be_is_const(e, b)) ||
        (unloaded_lazy(e, a) && !unloaded_lazy(e, b) && !be_is_const(e, b))) {
        ir_ref t = a;
        a = b;
        b = t;
        c.cond = cond_swapped[cond];
    }
    c.ta = a;
    c.tb = b;
    c.ra = be_gpr(e, a);
    bool tst = c.cond == IR_TSTZ || c.cond == IR_TSTNZ;
    /* a 32-bit compare reads the low half of a constant: always an imm32 */
    if (be_is_const(e, b) && (fits_i32(be_const(e, b)) || !c.w64)) {
        c.imm = true;
        c.iv = (int32_t)be_const(e, b);
    } else if (tst && be_is_const(e, b) && single_bit((uint64_t)be_const(e, b)) >= 0) {
        c.bit = single_bit((uint64_t)be_const(e, b)); /* no movabs for a mask */
    } else if (!(c.cond == IR_TSTZ || c.cond == IR_TSTNZ) && lazy_mem(e, b, c.w64, &c.m)) {
        c.mem = true;
    } else {
        c.rb = be_gpr(e, b);
    }
    return c;
}

static int emit_cmp(struct be *e, struct cmp_ops *c)
{
    bool tst = c->cond == IR_TSTZ || c->cond == IR_TSTNZ;
    if (tst && c->bit >= 0) {
        bool nz = c->cond == IR_TSTNZ;
        if (c->bit == 63) { /* the sign bit */
            emit_test_rr(e->xb, true, c->ra, c->ra);
            return nz ? CC_S : CC_NS;
        }
        emit_bt_ri(e->xb, BT_TEST, true, c->ra, c->bit);
        return nz ? CC_B : CC_AE;
    }
    if (tst) {
        if (c->imm) emit_test_ri(e->xb, c->w64, c->ra, c->iv);
        else emit_test_rr(e->xb, c->w64, c->ra, c->rb);
    } else if (c->imm && c->iv == 0 && (c->cond == IR_EQ || c->cond == IR_NE || c->cond == IR_LT ||
                                        c->cond == IR_GE)) {
        emit_test_rr(e->xb, c->w64, c->ra, c->ra);
        if (c->cond == IR_LT) return CC_S;
        if (c->cond == IR_GE) return CC_NS;
    } else if (c->imm) {
        emit_alu_rm_i(e->xb, ALU_CMP, c->w64, RM_R(c->ra), c->iv);
    } else if (c->mem) {
        emit_alu_r_rm(e->xb, ALU_CMP, c->w64, c->ra, c->m);
    } else {
        emit_alu_r_rm(e->xb, ALU_CMP, c->w64, c->ra, RM_R(c->rb));
    }
    return cc_of[c->cond];
}

static struct be_operand operand_key(struct be *e, ir_ref t)
{
    struct be_operand o = {be_is_const(e, t), be_is_const(e, t) ? be_const(e, t) : (int64_t)t};
    return o;
}

static bool same_key(struct be_operand x, struct be_operand y)
{
    return x.is_const == y.is_const && x.v == y.v;
}

/* emit_cmp, remembering what the flags now hold */
static int emit_cmp_keyed(struct be *e, struct cmp_ops *c)
{
    int cc = emit_cmp(e, c);
    e->fl_valid = c->bit < 0; /* bt leaves only CF meaningful */
    e->fl_tst = c->cond == IR_TSTZ || c->cond == IR_TSTNZ;
    e->fl_w64 = c->w64;
    e->fl_a = operand_key(e, c->ta);
    e->fl_b = operand_key(e, c->tb);
    return cc;
}

/* the condition code for (a cond b) when the flags already hold that compare
 * (Arm's csel/cset/b.cond on one cmp), else -1. Values are SSA temps, so the
 * same operands mean the same values; a compare with 0 sets the same flags
 * whether it was emitted as test or cmp (CF = OF = 0). */
static int cached_cc(struct be *e, enum ir_type ty, int cond, ir_ref a, ir_ref b)
{
    bool tst = cond == IR_TSTZ || cond == IR_TSTNZ;
    if (!e->fl_valid || e->fl_w64 != (ty == IR_I64) || e->fl_tst != tst)
        return -1;
    struct be_operand ka = operand_key(e, a), kb = operand_key(e, b);
    if (same_key(ka, e->fl_a) && same_key(kb, e->fl_b))
        return cc_of[cond];
    if (same_key(kb, e->fl_a) && same_key(ka, e->fl_b))
        return cc_of[cond_swapped[cond]];
    return -1;
}

/* t in a gpr without touching the flags (a constant is not xor-zeroed) */
static int gpr_keep_flags(struct be *e, ir_ref t)
{
    if (!be_is_const(e, t))
        return be_gpr(e, t);
    int r = be_tmp_gpr(e);
    emit_mov_ri_f(e->xb, r, (uint64_t)be_const(e, t), true);
    return r;
}

/* ---- integer ops ---- */

static void lower_alu(struct be *e, struct ir_op *op)
{
    bool w = op->type == IR_I64;
    if (op->opc == IR_add && e->amode[op->dst].lea) { /* x86_plan.c: plan_lea */
        struct be_amode *am = &e->amode[op->dst];
        int rb = be_gpr(e, am->base), ri = be_gpr(e, am->index);
        bool bdies = be_dies(e, am->base);
        be_release_dead(e);
        int rd = be_def_gpr(e, op->dst, bdies ? rb : -1);
        emit_lea(e->xb, true, rd, RM_MX(rb, ri, 1 << am->shift, 0));
        return;
    }
    ir_ref a = op->arg[0], b = op->arg[1];
    bool comm = (ir_opdefs[op->opc].flags & OPF_COMM) != 0;
    /* commutative: a constant, or a value still in struct cpu, goes second */
    /* commutative: a constant, or a value still in struct cpu, goes second;
     * else the operand that dies here goes first (the result takes its
     * register: no copy) */
    if (comm && ((be_is_const(e, a) && !be_is_const(e, b)) ||
                 (unloaded_lazy(e, a) && !unloaded_lazy(e, b) && !be_is_const(e, b)) ||
                 (!be_dies(e, a) && be_dies(e, b) && !unloaded_lazy(e, b) && e->reg[b] >= 0 &&
                  !(e->reserved & (1u << e->reg[b])) && !be_is_const(e, a) && !unloaded_lazy(e, a)))) {
        ir_ref t = a;
        a = b;
        b = t;
    }
    int ra = be_gpr(e, a);
    /* a 32-bit op reads the low half of a constant: always an imm32 */
    bool bimm = be_is_const(e, b) && (fits_i32(be_const(e, b)) || !w);
    /* or/xor/and-not of one bit beyond imm32 reach: bts/btc/btr, no movabs */
    int bitop = -1, bit = -1;
    if (!bimm && be_is_const(e, b)) {
        uint64_t v = (uint64_t)be_const(e, b);
        if (op->opc == IR_or && (bit = single_bit(v)) >= 0)
            bitop = BT_SET;
        else if (op->opc == IR_xor && (bit = single_bit(v)) >= 0)
            bitop = BT_FLIP;
        else if (op->opc == IR_and && (bit = single_bit(~v)) >= 0)
            bitop = BT_RESET;
    }
    if (bitop >= 0) {
        bool adies = be_dies(e, a);
        be_release_dead(e);
        int rd = be_def_gpr(e, op->dst, adies ? ra : -1);
        emit_mov_rr(e->xb, true, rd, ra);
        emit_bt_ri(e->xb, bitop, true, rd, bit);
        return;
    }
    struct xrm bm;
    bool bmem = !bimm && op->opc != IR_andn && op->opc != IR_orn && op->opc != IR_xnor &&
                lazy_mem(e, b, w, &bm);
    int rb = bimm || bmem ? -1 : be_gpr(e, b);
    int32_t iv = bimm ? (int32_t)be_const(e, b) : 0;
    bool adies = be_dies(e, a) || be_is_const(e, a);
    bool bdies = !bimm && !bmem && (be_dies(e, b) || be_is_const(e, b)) &&
                 !(e->reserved & (1u << rb)) && b != a;
    be_release_dead(e);
    struct xbuf *x = e->xb;
    if ((op->opc == IR_andn || op->opc == IR_orn) && !bimm) {
        bool and = op->opc == IR_andn;
        if (and && (e->hostf & HOSTF_BMI1)) {
            emit_andn(x, w, be_def_gpr(e, op->dst, adies ? ra : -1), rb, ra);
            return;
        }
        /* ~b in the destination (in place when b dies there), combined
         * with a; when the destination is a's register, ~b goes to scratch */
        int rd = be_def_gpr(e, op->dst, bdies ? rb : adies ? ra : -1);
        int nb = rd != ra ? rd : SCRATCH;
        emit_mov_rr(x, true, nb, rb);
        emit_grp3(x, 2, true, nb);
        if (nb == rd)
            emit_alu_r_rm(x, and ? ALU_AND : ALU_OR, w, rd, RM_R(ra));
        else
            emit_alu_r_rm(x, and ? ALU_AND : ALU_OR, w, rd, RM_R(SCRATCH));
        return;
    }
    int rd = be_def_gpr(e, op->dst, adies ? ra : -1);
    struct xrm src = bimm ? RM_R(0) : bmem ? bm : RM_R(rb);
    int alu = -1;
    switch (op->opc) {
    case IR_add:
        if (rd != ra && !bmem) { /* three-operand add */
            emit_lea(x, w, rd, bimm ? RM_M(ra, iv) : RM_MX(ra, rb, 1, 0));
            return;
        }
        alu = ALU_ADD;
        break;
    case IR_sub:
        if (rd != ra && bimm && iv != INT32_MIN) {
            emit_lea(x, w, rd, RM_M(ra, -iv));
            return;
        }
        alu = ALU_SUB;
        break;
    case IR_and:
        if (bimm && rd != ra && (iv == 0xff || iv == 0xffff)) {
            emit_movzx(x, iv == 0xff ? 1 : 2, rd, ra); /* copy and mask in one */
            return;
        }
        alu = ALU_AND;
        break;
    case IR_or: alu = ALU_OR; break;
    case IR_xor: alu = ALU_XOR; break;
    case IR_mul:
        if (bimm) {
            emit_imul_rri(x, w, rd, ra, iv);
        } else {
            emit_mov_rr(x, w, rd, ra);
            emit_imul_r_rm(x, w, rd, src);
        }
        return;
    case IR_andn: case IR_orn: /* immediate b: a op ~imm */
        emit_mov_rr(x, w, rd, ra);
        emit_alu_rm_i(x, op->opc == IR_andn ? ALU_AND : ALU_OR, w, RM_R(rd), ~iv);
        return;
    case IR_xnor:
        emit_mov_rr(x, w, rd, ra);
        if (bimm) emit_alu_rm_i(x, ALU_XOR, w, RM_R(rd), iv);
        else emit_alu_r_rm(x, ALU_XOR, w, rd, RM_R(rb));
        emit_grp3(x, 2, w, rd);
        return;
    default:
        break;
    }
    emit_mov_rr(x, w, rd, ra);
    if (bimm) emit_alu_rm_i(x, alu, w, RM_R(rd), iv);
    else emit_alu_r_rm(x, alu, w, rd, src);
}

static void lower_shift(struct be *e, struct ir_op *op)
{
    bool w = op->type == IR_I64;
    int bits = w ? 64 : 32;
    int sh = op->opc == IR_shl ? SH_SHL : op->opc == IR_shr ? SH_SHR : op->opc == IR_sar ? SH_SAR
           : op->opc == IR_rotl ? SH_ROL : SH_ROR;
    ir_ref a = op->arg[0], b = op->arg[1];
    struct xbuf *x = e->xb;
    if (be_is_const(e, b)) {
        int cnt = (int)(be_const(e, b) & (bits - 1));
        int ra = be_gpr(e, a);
        bool adies = be_dies(e, a) || be_is_const(e, a);
        be_release_dead(e);
        int rd = be_def_gpr(e, op->dst, adies ? ra : -1);
        if (cnt && rd != ra && (e->hostf & HOSTF_BMI2) && (sh == SH_ROL || sh == SH_ROR)) {
            emit_rorx(x, w, rd, ra, sh == SH_ROR ? cnt : bits - cnt); /* no copy first */
        } else if (cnt) {
            emit_mov_rr(x, w, rd, ra);
            emit_shift_i(x, sh, w, rd, cnt);
        } else if (!w) {
            emit_movzx(x, 4, rd, ra); /* an I32 result is zero-extended */
        } else {
            emit_mov_rr(x, true, rd, ra);
        }
        return;
    }
    if ((e->hostf & HOSTF_BMI2) && sh != SH_ROL && sh != SH_ROR) {
        int ra = be_gpr(e, a), rb = be_gpr(e, b);
        be_release_dead(e);
        int rd = be_def_gpr(e, op->dst, -1);
        emit_shiftx(x, sh, w, rd, ra, rb);
        return;
    }
    be_evict_gpr(e, RCX);
    int ra = be_gpr(e, a), rb = be_gpr(e, b);
    bool adies = be_dies(e, a) || be_is_const(e, a);
    be_release_dead(e);
    emit_mov_rr(x, false, RCX, rb);
    int rd = be_def_gpr(e, op->dst, adies ? ra : -1);
    emit_mov_rr(x, w, rd, ra);
    emit_shift_cl(x, sh, w, rd);
}

static void lower_unary(struct be *e, struct ir_op *op)
{
    bool w = op->type == IR_I64;
    ir_ref a = op->arg[0];
    int ra = be_gpr(e, a);
    bool adies = be_dies(e, a) || be_is_const(e, a);
    be_release_dead(e);
    struct xbuf *x = e->xb;
    int rd;
    switch (op->opc) {
    case IR_neg: case IR_not: case IR_bswap:
        rd = be_def_gpr(e, op->dst, adies ? ra : -1);
        emit_mov_rr(x, w, rd, ra);
        if (op->opc == IR_bswap) emit_bswap(x, w, rd);
        else emit_grp3(x, op->opc == IR_neg ? 3 : 2, w, rd);
        return;
    case IR_sext8: case IR_sext16: case IR_sext32:
        rd = be_def_gpr(e, op->dst, adies ? ra : -1);
        emit_movsx(x, op->opc == IR_sext8 ? 1 : op->opc == IR_sext16 ? 2 : 4, rd, ra);
        return;
    case IR_zext8: case IR_zext16: case IR_zext32:
        rd = be_def_gpr(e, op->dst, adies ? ra : -1);
        emit_movzx(x, op->opc == IR_zext8 ? 1 : op->opc == IR_zext16 ? 2 : 4, rd, ra);
        return;
    case IR_popcnt:
        rd = be_def_gpr(e, op->dst, adies ? ra : -1);
        if (e->hostf & HOSTF_POPCNT) {
            emit_bitcount(x, 0x0fb8, true, w, rd, ra);
        } else {
            /* software popcount through the slow path */
            extern void jit_slow_popcnt(struct cpu *);
            emit_mov_m_r(x, true, be_cpu_mem(CPU_OFF(scratch[0])), ra);
            emit_store_i(x, 8, be_cpu_mem(CPU_OFF(scratch[1])), w ? 64 : 32);
            be_slow_call(e, (void *)jit_slow_popcnt);
            emit_mov_r_m(x, true, rd, be_cpu_mem(CPU_OFF(scratch[0])));
        }
        return;
    case IR_clz: case IR_ctz: {
        bool clz = op->opc == IR_clz;
        rd = be_def_gpr(e, op->dst, -1);
        if (e->hostf & (clz ? HOSTF_LZCNT : HOSTF_BMI1)) {
            emit_bitcount(x, clz ? 0x0fbd : 0x0fbc, true, w, rd, ra);
        } else {
            /* bsr/bsf leave dst undefined for 0: preset the zero-input answer */
            int width = w ? 64 : 32;
            emit_mov_ri(x, SCRATCH, clz ? (uint64_t)(2 * width - 1) : (uint64_t)width);
            emit_bitcount(x, clz ? 0x0fbd : 0x0fbc, false, w, rd, ra);
            emit_cmov(x, CC_E, w, rd, SCRATCH);
            if (clz) emit_alu_rm_i(x, ALU_XOR, w, RM_R(rd), width - 1);
        }
        return;
    }
    case IR_mov:
        rd = be_def_gpr(e, op->dst, adies ? ra : -1);
        if (w)
            emit_mov_rr(x, true, rd, ra);
        else
            emit_movzx(x, 4, rd, ra); /* mov.i32 zero-extends, like every I32 op */
        return;
    default:
        e->failed = 1;
        return;
    }
}

static void lower_mulh(struct be *e, struct ir_op *op)
{
    be_evict_gpr(e, RAX);
    be_evict_gpr(e, RDX);
    int ra = be_gpr(e, op->arg[0]), rb = be_gpr(e, op->arg[1]);
    be_release_dead(e);
    struct xbuf *x = e->xb;
    emit_mov_rr(x, true, RAX, ra);
    emit_grp3(x, op->opc == IR_mulh ? 5 : 4, true, rb);
    if (op->opc == IR_mulhsu) {
        /* signed a x unsigned b: unsigned high part minus (a < 0 ? b : 0) */
        emit_mov_rr(x, true, SCRATCH, ra);
        emit_shift_i(x, SH_SAR, true, SCRATCH, 63);
        emit_alu_r_rm(x, ALU_AND, true, SCRATCH, RM_R(rb));
        emit_alu_r_rm(x, ALU_SUB, true, RDX, RM_R(SCRATCH));
    }
    int rd = be_def_gpr(e, op->dst, -1);
    emit_mov_rr(x, true, rd, RDX);
}

/* RISC-V-defined division: x/0 = all ones, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0 */
static void lower_div(struct be *e, struct ir_op *op)
{
    bool w = op->type == IR_I64;
    bool sign = op->opc == IR_div || op->opc == IR_rem;
    bool rem = op->opc == IR_rem || op->opc == IR_remu;
    be_evict_gpr(e, RAX);
    be_evict_gpr(e, RDX);
    int ra = be_gpr(e, op->arg[0]), rb = be_gpr(e, op->arg[1]);
    be_release_dead(e);
    int rd = be_def_gpr(e, op->dst, -1);
    struct xbuf *x = e->xb;
    emit_test_rr(x, w, rb, rb);
    uint8_t *jz = emit_jcc8(x, CC_E);
    uint8_t *jm1 = NULL, *jend1 = NULL;
    if (sign) {
        emit_alu_rm_i(x, ALU_CMP, w, RM_R(rb), -1);
        uint8_t *jdo = emit_jcc8(x, CC_NE);
        /* divisor -1: quotient = -a (wraps for MIN), remainder 0 */
        if (rem) {
            emit_mov_ri_f(x, rd, 0, false);
        } else {
            emit_mov_rr(x, w, rd, ra);
            emit_grp3(x, 3, w, rd);
        }
        jm1 = emit_jmp8(x);
        patch_rel8_here(x, jdo);
    }
    emit_mov_rr(x, w, RAX, ra);
    if (sign) emit_cqo(x, w);
    else emit_mov_ri(x, RDX, 0);
    emit_grp3(x, sign ? 7 : 6, w, rb);
    emit_mov_rr(x, w, rd, rem ? RDX : RAX);
    jend1 = emit_jmp8(x);
    patch_rel8_here(x, jz);
    if (rem) emit_mov_rr(x, w, rd, ra);
    else emit_mov_ri(x, rd, w ? ~0ull : 0xffffffffull);
    patch_rel8_here(x, jend1);
    if (jm1) patch_rel8_here(x, jm1);
}

static void lower_setcond(struct be *e, struct ir_op *op)
{
    int hit = cached_cc(e, op->type, op->cond, op->arg[0], op->arg[1]);
    if (hit >= 0) {
        be_release_dead(e);
        int rd = be_def_gpr(e, op->dst, -1);
        emit_setcc(e->xb, hit, rd);
        emit_movzx(e->xb, 1, rd, rd);
        return;
    }
    struct cmp_ops c = load_cmp(e, op->type, op->cond, op->arg[0], op->arg[1]);
    be_release_dead(e);
    /* dst is zeroed before the compare; the operands are still busy, so the
     * allocator never hands out their registers here */
    int rd = be_def_gpr(e, op->dst, -1);
    emit_mov_ri(e->xb, rd, 0);
    int cc = emit_cmp_keyed(e, &c);
    emit_setcc(e->xb, cc, rd);
}

static void lower_select(struct be *e, struct ir_op *op)
{
    int hit = cached_cc(e, op->type, op->cond, op->arg[0], op->arg[1]);
    if (hit >= 0) {
        int rx = gpr_keep_flags(e, op->arg[2]);
        int ry = gpr_keep_flags(e, op->arg[3]);
        bool ydies = be_dies(e, op->arg[3]) || be_is_const(e, op->arg[3]);
        be_release_dead(e);
        int rd = be_def_gpr(e, op->dst, ydies && ry != rx ? ry : -1);
        emit_mov_rr(e->xb, true, rd, ry);
        emit_cmov(e->xb, hit, true, rd, rx);
        return;
    }
    struct cmp_ops c = load_cmp(e, op->type, op->cond, op->arg[0], op->arg[1]);
    int rx = be_gpr(e, op->arg[2]);
    int ry = be_gpr(e, op->arg[3]);
    bool ydies = be_dies(e, op->arg[3]) || be_is_const(e, op->arg[3]);
    be_release_dead(e);
    int rd = be_def_gpr(e, op->dst, ydies && ry != c.ra && ry != c.rb && ry != rx ? ry : -1);
    /* values are always moved whole (64-bit mov/cmov): the type only names the
     * compare width (as in ir_eval_int; opt_ifconv relies on it) */
    emit_mov_rr(e->xb, true, rd, ry);
    int cc = emit_cmp_keyed(e, &c);
    emit_cmov(e->xb, cc, true, rd, rx);
}

static struct xrm guest_mem(struct be *e, ir_ref addr, int64_t off)
{
    int ra = be_gpr(e, addr);
    if (!fits_i32(off)) {
        emit_mov_ri(e->xb, SCRATCH, (uint64_t)off);
        return RM_MX(ra, SCRATCH, 1, 0);
    }
    return RM_M(ra, (int32_t)off);
}

static struct xrm mem_operand(struct be *e, ir_ref addr, int64_t off)
{
    struct be_amode *am = &e->amode[addr];
    if (am->on) { /* plan_amodes checked that the displacement fits */
        int rb = be_gpr(e, am->base);
        int32_t disp = (int32_t)(am->disp + off);
        return am->index ? RM_MX(rb, be_gpr(e, am->index), 1 << am->shift, disp) : RM_M(rb, disp);
    }
    if (be_is_const(e, addr)) {
        /* absolute guest address: through the scratch register */
        int r = be_tmp_gpr(e);
        emit_mov_ri(e->xb, r, (uint64_t)(be_const(e, addr) + off));
        return RM_M(r, 0);
    }
    return guest_mem(e, addr, off);
}

static void lower_ld(struct be *e, struct ir_op *op)
{
    struct xrm m = mem_operand(e, op->arg[0], op->imm);
    be_release_dead(e);
    if (op->type == IR_F32 || op->type == IR_F64) {
        int rx = be_def_xmm(e, op->dst, -1);
        be_sm_fault_begin(e, 0);
        emit_movsd_load(e->xb, op->type == IR_F64, rx, m);
        be_sm_fault_end(e);
        return;
    }
    int rd = be_def_gpr(e, op->dst, m.index < 0 ? m.base : -1);
    be_sm_fault_begin(e, 0);
    emit_load(e->xb, 1 << (op->aux & MO_SIZE), (op->aux & MO_SIGN) != 0, rd, m);
    be_sm_fault_end(e);
}

static void lower_st(struct be *e, struct ir_op *op)
{
    int size = 1 << (op->aux & MO_SIZE);
    struct xrm m = mem_operand(e, op->arg[0], op->imm);
    ir_ref v = op->arg[1];
    if (be_is_const(e, v) && fits_i32(be_const(e, v))) {
        be_release_dead(e);
        be_sm_fault_begin(e, 0);
        emit_store_i(e->xb, size, m, (int32_t)be_const(e, v));
        be_sm_fault_end(e);
        return;
    }
    if (!be_is_const(e, v) && be_is_xmm_temp(e, v)) {
        int rx = be_xmm(e, v);
        be_release_dead(e);
        be_sm_fault_begin(e, 0);
        emit_movsd_store(e->xb, size == 8, m, rx);
        be_sm_fault_end(e);
        return;
    }
    int rv = be_gpr(e, v);
    be_release_dead(e);
    be_sm_fault_begin(e, 0);
    emit_store(e->xb, size, m, rv);
    be_sm_fault_end(e);
}

/* guest gpr index of a cpu offset that has a loop home, or -1 */
int be_home_of(struct be *e, struct ir_op *op)
{
    int32_t off = (int32_t)op->imm - CPU_GPR(0);
    if (op->type != IR_I64 || off < 0 || off >= 32 * 8 || (off & 7))
        return -1;
    return e->home[off / 8] >= 0 ? off / 8 : -1;
}

/* FP slot of a cpu offset that has an xmm loop home, or -1 */
static int fhome_of(struct be *e, struct ir_op *op)
{
    int fs = fslot_of((int32_t)op->imm);
    return fs >= 0 && e->fhome[fs] >= 0 ? fs : -1;
}

/* before home register hr takes a new guest value: a temp still sharing it
 * (the old value) moves to a free register, or to its slot */
static void move_sharer(struct be *e, int hr)
{
    ir_ref t = e->gpr_owner[hr];
    if (!t)
        return;
    e->gpr_owner[hr] = 0;
    if (e->last_use[t] <= e->cur) { /* no later use */
        e->reg[t] = -1;
        return;
    }
    uint32_t avoid = e->busy | e->reserved | (1u << RSP) | (1u << RBP) | (1u << R11);
    for (unsigned i = 0; i < sizeof(gpr_order); i++) {
        int n = gpr_order[i];
        if (!(avoid & (1u << n)) && !e->gpr_owner[n]) {
            emit_mov_rr(e->xb, true, n, hr);
            e->gpr_owner[n] = t;
            e->reg[t] = (int8_t)n;
            return;
        }
    }
    e->gpr_owner[hr] = t;
    spill(e, t);
}

static void lower_get(struct be *e, struct ir_op *op)
{
    int fh = fhome_of(e, op);
    if (fh >= 0) {
        /* a 32-bit read takes the low half (plan_homes admits no 32-bit write) */
        if (op->type == IR_F64 || op->type == IR_F32)
            emit_movaps(e->xb, be_def_xmm(e, op->dst, -1), e->fhome[fh]);
        else
            emit_movq_r_x(e->xb, op->type == IR_I64, be_def_gpr(e, op->dst, -1), e->fhome[fh]);
        return;
    }
    int h = be_home_of(e, op);
    if (h >= 0) {
        int hr = e->home[h];
        if (!e->gpr_owner[hr]) { /* the temp shares the home register */
            e->reg[op->dst] = (int8_t)hr;
            e->gpr_owner[hr] = op->dst;
            e->in_slot[op->dst] = 0;
        } else {
            emit_mov_rr(e->xb, true, be_def_gpr(e, op->dst, -1), hr);
        }
        return;
    }
    if (e->lazy[op->dst] >= 0)
        return; /* read where it is used */
    if (op->type == IR_F32 || op->type == IR_F64) {
        int rd = be_def_xmm(e, op->dst, -1);
        emit_movsd_load(e->xb, op->type == IR_F64, rd, be_cpu_mem((int32_t)op->imm));
        return;
    }
    int rd = be_def_gpr(e, op->dst, -1);
    emit_mov_r_m(e->xb, op->type == IR_I64, rd, be_cpu_mem((int32_t)op->imm));
}

static void lower_set(struct be *e, struct ir_op *op)
{
    ir_ref v = op->arg[0];
    if (op->cond & IR_SET_SHADOW) {
        be_sm_shadow(e, op);
        return;
    }
    be_sm_clobber(e, (int32_t)op->imm, (op->type == IR_I32 || op->type == IR_F32) ? 4 : 8);
    int fh = fhome_of(e, op);
    if (fh >= 0) {
        int x = e->fhome[fh];
        if (be_is_const(e, v)) {
            emit_mov_ri_f(e->xb, SCRATCH, (uint64_t)be_const(e, v), true); /* flags kept */
            emit_movq_x_r(e->xb, true, x, SCRATCH);
        } else if (be_is_xmm_temp(e, v)) {
            emit_movaps(e->xb, x, be_xmm(e, v));
        } else {
            emit_movq_x_r(e->xb, true, x, be_gpr(e, v));
        }
        be_release_dead(e);
        return;
    }
    int h = be_home_of(e, op);
    if (h >= 0) {
        int hr = e->home[h];
        if (be_is_const(e, v)) {
            move_sharer(e, hr);
            emit_mov_ri_f(e->xb, hr, (uint64_t)be_const(e, v), true); /* flags kept */
        } else {
            int rv = be_gpr(e, v);
            if (rv != hr) {
                move_sharer(e, hr);
                emit_mov_rr(e->xb, true, hr, rv);
                if (!(e->reserved & (1u << rv))) {
                    /* v lives on in the home: its register is free again */
                    e->gpr_owner[rv] = 0;
                    e->reg[v] = (int8_t)hr;
                    e->gpr_owner[hr] = v;
                }
            }
        }
        be_release_dead(e);
        return;
    }
    struct xrm m = be_cpu_mem((int32_t)op->imm);
    int size = (op->type == IR_I32 || op->type == IR_F32) ? 4 : 8;
    if (be_is_const(e, v) && fits_i32(be_const(e, v))) {
        emit_store_i(e->xb, size, m, (int32_t)be_const(e, v));
    } else if (!be_is_const(e, v) && be_is_xmm_temp(e, v)) {
        emit_movsd_store(e->xb, size == 8, m, be_xmm(e, v));
    } else {
        emit_store(e->xb, size, m, be_gpr(e, v));
    }
    be_release_dead(e);
}

static void lower_atomic(struct be *e, struct ir_op *op)
{
    int size = 1 << (op->aux & MO_SIZE);
    struct xbuf *x = e->xb;
    int amo = op->cond;
    if (amo == IR_AMO_XCHG || amo == IR_AMO_ADD) {
        struct xrm m = mem_operand(e, op->arg[0], 0);
        int rv = be_gpr(e, op->arg[1]);
        bool vdies = be_dies(e, op->arg[1]) || be_is_const(e, op->arg[1]);
        be_release_dead(e);
        int rd = be_def_gpr(e, op->dst, vdies ? rv : -1);
        emit_mov_rr(x, true, rd, rv);
        be_sm_fault_begin(e, 0);
        if (amo == IR_AMO_XCHG) emit_xchg(x, size, m, rd);
        else emit_xadd(x, size, m, rd);
        be_sm_fault_end(e);
        if (size < 4) emit_movzx(x, size, rd, rd);
        return;
    }
    be_evict_gpr(e, RAX);
    struct xrm m = mem_operand(e, op->arg[0], 0);
    int rv = be_gpr(e, op->arg[1]);
    be_release_dead(e);
    bool w = size == 8;
    be_sm_fault_begin(e, 0);
    emit_load(x, size, false, RAX, m);
    uint8_t *loop = x->p;
    emit_mov_rr(x, true, SCRATCH, RAX);
    switch (amo) {
    case IR_AMO_AND: emit_alu_r_rm(x, ALU_AND, true, SCRATCH, RM_R(rv)); break;
    case IR_AMO_OR: emit_alu_r_rm(x, ALU_OR, true, SCRATCH, RM_R(rv)); break;
    case IR_AMO_XOR: emit_alu_r_rm(x, ALU_XOR, true, SCRATCH, RM_R(rv)); break;
    default: {
        /* min/max: keep the old value unless the operand wins */
        int cc = amo == IR_AMO_MIN ? CC_G : amo == IR_AMO_MAX ? CC_L
               : amo == IR_AMO_MINU ? CC_A : CC_B;
        if (size == 1) /* compare at the access width: cmp al, rv8 / cmp ax, rv16 */
            emit_insn(x, X_BYTE, 0x3a, 1, RAX, RM_R(rv), 0, 0);
        else if (size == 2)
            emit_insn(x, X_66, 0x3b, 1, RAX, RM_R(rv), 0, 0);
        else
            emit_alu_r_rm(x, ALU_CMP, w, RAX, RM_R(rv));
        emit_cmov(x, cc, true, SCRATCH, rv);
        break;
    }
    }
    emit_cmpxchg(x, size, m, SCRATCH);
    uint8_t *j = emit_jcc8(x, CC_NE);
    if (!x->overflow)
        *j = (uint8_t)(loop - (j + 1));
    be_sm_fault_end(e);
    int rd = be_def_gpr(e, op->dst, -1);
    emit_mov_rr(x, w, rd, RAX);
}

static void lower_cmpxchg(struct be *e, struct ir_op *op)
{
    int size = 1 << (op->aux & MO_SIZE);
    be_evict_gpr(e, RAX);
    struct xrm m = mem_operand(e, op->arg[0], 0);
    int rexp = be_gpr(e, op->arg[1]);
    int rnew = be_gpr(e, op->arg[2]);
    be_release_dead(e);
    emit_mov_rr(e->xb, true, RAX, rexp);
    be_sm_fault_begin(e, 0);
    emit_cmpxchg(e->xb, size, m, rnew);
    be_sm_fault_end(e);
    int rd = be_def_gpr(e, op->dst, -1);
    emit_mov_rr(e->xb, size == 8, rd, RAX);
    if (size < 4)
        emit_movzx(e->xb, size, rd, rd);
}

static void lower_call(struct be *e, struct ir_op *op)
{
    static const int8_t argreg[4] = {RSI, RDX, RCX, R8};
    struct xbuf *x = e->xb;
    int n = op->aux;
    /* stage arguments in memory: avoids a parallel-move solver on a cold path */
    for (int i = 0; i < n; i++) {
        ir_ref t = op->arg[i];
        struct xrm m = RM_M(RSP, BE_ARGTMP + 8 * i);
        if (be_is_const(e, t))
            continue; /* straight into its register below */
        if (e->reg[t] >= 0 || !e->in_slot[t])
            emit_mov_m_r(x, true, m, be_gpr(e, t));
        else {
            emit_mov_r_m(x, true, SCRATCH, slot_mem(e->slot[t]));
            emit_mov_m_r(x, true, m, SCRATCH);
        }
    }
    be_release_dead(e);
    /* caller-saved registers holding live temps are spilled */
    for (int r = 0; r < 16; r++) {
        if ((CALLER_SAVED & (1u << r)) && e->gpr_owner[r])
            spill(e, e->gpr_owner[r]);
        if (e->xmm_owner[r])
            spill(e, e->xmm_owner[r]);
    }
    for (int i = 0; i < n; i++)
        if (be_is_const(e, op->arg[i]))
            emit_mov_ri(x, argreg[i], (uint64_t)be_const(e, op->arg[i]));
        else
            emit_mov_r_m(x, true, argreg[i], RM_M(RSP, BE_ARGTMP + 8 * i));
    emit_lea(x, true, RDI, RM_M(CPU_REG, -CPU_BIAS));
    emit_mov_ri(x, RAX, (uint64_t)op->imm);
    be_sm_call_begin(e, op);
    emit_call_r(x, RAX);
    be_sm_call_end(e, op);
    e->busy = 0;
    be_def_gpr(e, op->dst, RAX);
}

/* ---- exits ---- */

static void align_field(struct be *e, int opcode_len)
{
    if (!e->xb->overflow)
        emit_nop_n(e->xb, (int)((4 - (((uintptr_t)e->xb->p + opcode_len) & 3)) & 3));
}

static void store_homes(struct be *e)
{
    if (!e->reserved && !e->xreserved)
        return;
    for (int i = 0; i < 32; i++)
        if (e->home[i] >= 0 && (e->home_dirty & (1u << i)))
            emit_mov_m_r(e->xb, true, be_cpu_mem(CPU_GPR(i)), e->home[i]);
    for (int i = 0; i < NFSLOTS; i++)
        if (e->fhome[i] >= 0 && e->fhome_dirty[i])
            emit_movsd_store(e->xb, true, be_cpu_mem(fslot_off(i)), e->fhome[i]);
}

static void add_stub(struct be *e, uint8_t *field, uint64_t pc, bool homes)
{
    if (e->nstubs == e->cap_stubs) {
        e->cap_stubs = e->cap_stubs ? e->cap_stubs * 2 : 16;
        e->stubs = realloc(e->stubs, sizeof(*e->stubs) * e->cap_stubs);
        if (!e->stubs) abort();
    }
    e->stubs[e->nstubs].field = field;
    e->stubs[e->nstubs].pc = pc;
    e->stubs[e->nstubs].store_homes = homes;
    e->nstubs++;
}

static void store_pc(struct be *e, uint64_t pc)
{
    struct xrm m = be_cpu_mem(CPU_OFF(pc));
    if (fits_i32((int64_t)pc)) {
        emit_store_i(e->xb, 8, m, (int32_t)pc);
    } else {
        emit_mov_ri(e->xb, SCRATCH, pc);
        emit_mov_m_r(e->xb, true, m, SCRATCH);
    }
}

static void jmp_to(struct be *e, const uint8_t *target)
{
    uint8_t *f = emit_jmp32(e->xb);
    if (!e->xb->overflow)
        patch_rel32(f, target);
}

static void lower_exit_cond(struct be *e, struct ir_op *op)
{
    int cc = cached_cc(e, op->type, op->cond, op->arg[0], op->arg[1]);
    if (cc >= 0) {
        be_release_dead(e);
    } else {
        struct cmp_ops c = load_cmp(e, op->type, op->cond, op->arg[0], op->arg[1]);
        be_release_dead(e);
        cc = emit_cmp_keyed(e, &c);
    }
    if (e->loop_head && (uint64_t)op->imm == e->b->guest_pc) {
        uint8_t *f = emit_jcc32(e->xb, cc); /* back edge: homes stay in registers */
        if (!e->xb->overflow)
            patch_rel32(f, e->loop_head);
        return;
    }
    bool homes = e->home_dirty != 0 || e->any_fdirty;
    if (!homes)
        align_field(e, 2);
    add_stub(e, emit_jcc32(e->xb, cc), (uint64_t)op->imm, homes);
}

static void lower_goto_pc(struct be *e, struct ir_op *op)
{
    if (e->loop_head && (uint64_t)op->imm == e->b->guest_pc) {
        jmp_to(e, e->loop_head);
        return;
    }
    store_homes(e);
    align_field(e, 1);
    add_stub(e, emit_jmp32(e->xb), (uint64_t)op->imm, false);
}

static void lower_goto_ind(struct be *e, struct ir_op *op)
{
    struct xbuf *x = e->xb;
    int rt = be_gpr(e, op->arg[0]);
    store_homes(e);
    /* jump cache probe: entry (pc >> JC_SHIFT) & (JC_SIZE-1), 16 bytes each,
     * is at (pc & ((JC_SIZE-1) << JC_SHIFT)) * (16 >> JC_SHIFT): one and, and
     * the scale of the address does the rest */
    _Static_assert(JC_SHIFT >= 1 && JC_SHIFT <= 4, "16 >> JC_SHIFT must be an x86 scale");
    emit_mov_rr(x, false, SCRATCH, rt);
    emit_alu_rm_i(x, ALU_AND, false, RM_R(SCRATCH), (int32_t)((JC_SIZE - 1) << JC_SHIFT));
    int32_t jc = CPU_OFF(jc) - CPU_BIAS;
    emit_alu_r_rm(x, ALU_CMP, true, rt, RM_MX(CPU_REG, SCRATCH, 16 >> JC_SHIFT, jc));
    uint8_t *miss = emit_jcc8(x, CC_NE);
    emit_jmp_rm(x, RM_MX(CPU_REG, SCRATCH, 16 >> JC_SHIFT, jc + 8));
    patch_rel8_here(x, miss);
    emit_mov_m_r(x, true, be_cpu_mem(CPU_OFF(pc)), rt);
    emit_mov_ri(x, RAX, EXIT_LOOKUP);
    jmp_to(e, e->epilogue);
}

static void lower_exit(struct be *e, struct ir_op *op)
{
    store_homes(e);
    store_pc(e, (uint64_t)op->imm);
    emit_mov_ri(e->xb, RAX, op->aux);
    jmp_to(e, e->epilogue);
}

static void emit_stubs(struct be *e)
{
    struct xbuf *x = e->xb;
    for (int i = 0; i < e->nstubs; i++) {
        uint8_t *stub = x->p;
        if (!x->overflow)
            patch_rel32(e->stubs[i].field, stub);
        if (e->stubs[i].store_homes) {
            /* write the homes back, then a chainable jmp of the stub's own */
            store_homes(e);
            align_field(e, 1);
            e->stubs[i].field = emit_jmp32(x);
            if (!x->overflow)
                patch_rel32(e->stubs[i].field, x->p);
        }
        store_pc(e, e->stubs[i].pc);
        /* lea rax, [rip + (field - next)] : tells the dispatcher what to patch */
        emit_u8(x, 0x48);
        emit_u8(x, 0x8d);
        emit_u8(x, 0x05);
        int32_t rel = (int32_t)(e->stubs[i].field - (x->p + 4));
        emit_u32(x, (uint32_t)rel);
        jmp_to(e, e->epilogue);
    }
}

/* Guest signals (runner/signal.c): at the block's entry, or in a loop block at
 * loop_head (so on every pass of the back edge too), leave for the dispatcher
 * while cpu->sig_check is set. Chained exits, jump-cache hits and the
 * return-address stack all land on a block entry, so running code reaches
 * one of these checks within a block. Returns the jne's rel32 field. */
static uint8_t *emit_sig_check(struct be *e)
{
    emit_alu_rm_i(e->xb, ALU_CMP, false, be_cpu_mem(CPU_OFF(sig_check)), 0);
    return emit_jcc32(e->xb, CC_NE);
}

/* out of line: the guest state is the block's entry state, homes included */
static void emit_sig_exit(struct be *e, uint8_t *field)
{
    if (!e->xb->overflow)
        patch_rel32(field, e->xb->p);
    store_homes(e);
    store_pc(e, e->b->guest_pc);
    emit_mov_ri(e->xb, RAX, EXIT_LOOKUP);
    jmp_to(e, e->epilogue);
}

static void add_mark(struct be *e, uint64_t pc)
{
    if (e->nmarks == e->cap_marks) {
        e->cap_marks = e->cap_marks ? e->cap_marks * 2 : 64;
        e->marks = realloc(e->marks, sizeof(*e->marks) * e->cap_marks);
        if (!e->marks) abort();
    }
    e->marks[e->nmarks].host_off = (uint32_t)(e->xb->p - e->xb->start);
    e->marks[e->nmarks].guest_pc = pc;
    e->nmarks++;
}

/* ---- driver ---- */

/* Give loop homes to the most used guest registers of a block that branches
 * back to its own start. Blocks with helper calls keep the plain scheme (a
 * call would need the homes written back and reloaded around it). */
static void plan_homes(struct be *e)
{
    struct ir_block *b = e->b;
    int count[32] = {0}, fcount[NFSLOTS] = {0};
    bool loops = false, bad[32] = {false}, fbad[NFSLOTS] = {false}, inloop[32] = {false};
    memset(e->home, -1, sizeof(e->home));
    memset(e->fhome, -1, sizeof(e->fhome));
    if (e->hostf & HOSTF_NO_HOMES)
        return;
    /* accesses before the last back edge run every iteration, the ones after
     * it only on the way out: those weigh less in the choice */
    int last_back = e->last_back; /* be_plan_amodes found it */
    if (last_back < 0)
        return; /* no loop: most blocks */
    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc == IR_call)
            return;
        if ((op->opc == IR_exit_cond || op->opc == IR_goto_pc) && (uint64_t)op->imm == b->guest_pc)
            loops = true;
        if ((op->opc != IR_get && op->opc != IR_set) ||
            (op->opc == IR_set && (op->cond & IR_SET_SHADOW)))
            continue;
        int fs = fslot_of((int32_t)op->imm);
        if (fs >= 0) {
            /* 64-bit reads and writes, and 32-bit reads of the low half */
            bool wide = op->type == IR_I64 || op->type == IR_F64;
            if (!wide && op->opc == IR_set)
                fbad[fs] = true;
            else if (!(op->opc == IR_set && b->temps[op->arg[0]].is_const))
                fcount[fs] += (op->opc == IR_set ? 2 : 1) * (i < last_back ? 8 : 1);
            /* a constant store (a scalar FP write clearing bits 127:64) is
             * one instruction either way: it earns a slot no home */
            continue;
        }
        int ov = fslot_overlap((int32_t)op->imm);
        if (ov >= 0) {
            fbad[ov] = true;
            continue;
        }
        int32_t off = (int32_t)op->imm - CPU_GPR(0);
        if (off < 0 || off >= 32 * 8)
            continue;
        if (op->type != IR_I64 || (off & 7)) {
            bad[off / 8] = true;
            continue;
        }
        count[off / 8] += (op->opc == IR_set ? 2 : 1) * (i < last_back ? 8 : 1);
        inloop[off / 8] |= i < last_back;
    }
    if (!loops)
        return;
    /* never RAX/RCX/RDX: div, mulh and variable rotates claim them. A
     * register used only on the way out gets none: a home would cost it a
     * load at entry and a store at exit for nothing */
    static const int8_t home_regs[] = {RBX, R12, R13, R14, R15, RSI, RDI, R8};
    for (unsigned n = 0; n < sizeof(home_regs); n++) {
        int best = -1;
        for (int g = 0; g < 32; g++)
            if (!bad[g] && inloop[g] && e->home[g] < 0 && (best < 0 || count[g] > count[best]))
                best = g;
        if (best < 0)
            break;
        e->home[best] = home_regs[n];
        e->reserved |= 1u << home_regs[n];
    }
    /* xmm0-7 stay for temps; xmm15 is scratch */
    for (int x = 8; x <= 14; x++) {
        int best = -1;
        for (int g = 0; g < NFSLOTS; g++)
            if (!fbad[g] && e->fhome[g] < 0 && fcount[g] >= 1 && (best < 0 || fcount[g] > fcount[best]))
                best = g;
        if (best < 0)
            break;
        e->fhome[best] = (int8_t)x;
        e->xreserved |= 1u << x;
    }
    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc != IR_set || (op->cond & IR_SET_SHADOW))
            continue;
        int32_t off = (int32_t)op->imm - CPU_GPR(0);
        if (off >= 0 && off < 32 * 8 && !(off & 7) && e->home[off / 8] >= 0)
            e->home_dirty |= 1u << (off / 8);
        int fs = fslot_of((int32_t)op->imm);
        if (fs >= 0 && e->fhome[fs] >= 0)
            e->fhome_dirty[fs] = e->any_fdirty = true;
    }
    for (int g = 0; g < 32; g++)
        if (e->home[g] >= 0)
            emit_mov_r_m(e->xb, true, e->home[g], be_cpu_mem(CPU_GPR(g)));
    for (int g = 0; g < NFSLOTS; g++)
        if (e->fhome[g] >= 0)
            emit_movsd_load(e->xb, true, e->fhome[g], be_cpu_mem(fslot_off(g)));
    e->loop_head = e->xb->p;
}

static void lower_op(struct be *e, struct ir_op *op)
{
    /* the ops that emit nothing that writes the flags (besides their own
     * compare): moves, loads and stores only (constants into registers
     * without the xor idiom) */
    if (!(op->opc == IR_setcond || op->opc == IR_select || op->opc == IR_exit_cond ||
          op->opc == IR_insn_start || op->opc == IR_get || op->opc == IR_set))
        e->fl_valid = false;
    switch (op->opc) {
    case IR_add: case IR_sub: case IR_and: case IR_or: case IR_xor: case IR_mul:
    case IR_andn: case IR_orn: case IR_xnor:
        lower_alu(e, op); break;
    case IR_shl: case IR_shr: case IR_sar: case IR_rotl: case IR_rotr:
        lower_shift(e, op); break;
    case IR_mov: case IR_neg: case IR_not: case IR_clz: case IR_ctz: case IR_popcnt:
    case IR_bswap: case IR_sext8: case IR_sext16: case IR_sext32: case IR_zext8:
    case IR_zext16: case IR_zext32:
        lower_unary(e, op); break;
    case IR_mulh: case IR_mulhu: case IR_mulhsu: lower_mulh(e, op); break;
    case IR_div: case IR_divu: case IR_rem: case IR_remu: lower_div(e, op); break;
    case IR_setcond: lower_setcond(e, op); break;
    case IR_select: lower_select(e, op); break;
    case IR_get: lower_get(e, op); break;
    case IR_set: lower_set(e, op); break;
    case IR_ld: lower_ld(e, op); break;
    case IR_st: lower_st(e, op); break;
    case IR_atomic: lower_atomic(e, op); break;
    case IR_cmpxchg: lower_cmpxchg(e, op); break;
    case IR_fence: emit_mfence(e->xb); break;
    case IR_call: lower_call(e, op); break;
    case IR_insn_start: add_mark(e, (uint64_t)op->imm); break;
    case IR_exit_cond: lower_exit_cond(e, op); break;
    case IR_goto_pc: lower_goto_pc(e, op); break;
    case IR_goto_ind: lower_goto_ind(e, op); break;
    case IR_exit: lower_exit(e, op); break;
    default:
        if (!be_lower_fp(e, op))
            e->failed = 1;
        break;
    }
}

/* Generate host code for b into xb. Returns 0, or -1 when the block needs more
 * spill slots than the frame has or the buffer overflowed. */
int x86_gen_block(struct ir_block *b, struct xbuf *xb, uint64_t hostf, const uint8_t *epilogue,
                  const uint8_t *slow_thunk, struct tb_mark **marks, uint32_t *nmarks)
{
    struct be e;
    memset(&e, 0, sizeof(e));
    e.xb = xb;
    e.b = b;
    e.hostf = hostf;
    e.epilogue = epilogue;
    e.slow_thunk = slow_thunk;
    /* the per-temp and per-op tables: scratch memory, given back at the end */
    struct ir_mark mark = ir_scratch_mark(b);
    size_t nt = (size_t)b->ntemps;
    e.last_use = ir_scratch(b, sizeof(int32_t) * nt);
    e.use_idx = ir_scratch(b, sizeof(int32_t) * nt);
    e.use_start = ir_scratch(b, sizeof(int32_t) * (nt + 1));
    e.reg = ir_scratch(b, nt);
    e.slot = ir_scratch(b, sizeof(int16_t) * nt);
    e.in_slot = ir_scratch_zero(b, nt);
    e.home_target = ir_scratch(b, nt);
    e.lazy = ir_scratch(b, sizeof(int32_t) * nt);
    e.amode = ir_scratch_zero(b, nt * sizeof(*e.amode));
    e.folded = ir_scratch_zero(b, (size_t)b->nops + 1);
    memset(e.reg, -1, (size_t)nt);
    memset(e.slot, -1, sizeof(int16_t) * nt);
    be_plan_amodes(&e);
    if (e.any_shadow) /* without shadows it would find nothing */
        be_plan_fault_uses(&e);
    be_compute_uses(&e);
    plan_homes(&e);
    be_plan_temps(&e);
    e.fault_rec = -1;
    int32_t fslot_offs[NFSLOTS];
    for (int i = 0; i < NFSLOTS; i++)
        fslot_offs[i] = fslot_off(i);
    be_sm_block(&e, fslot_offs);
    uint8_t *sig_field = emit_sig_check(&e);
    for (int i = 0; i < b->nops && !e.failed; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        if (e.folded[i])
            continue;
        e.cur = i;
        lower_op(&e, op);
        end_op(&e, op);
    }
    emit_stubs(&e);
    emit_sig_exit(&e, sig_field);
    ir_scratch_release(b, mark);
    free(e.xr_start);
    free(e.xr);
    free(e.stubs);
    be_sm_finish(&e, marks, nmarks);
    return e.failed || xb->overflow ? -1 : 0;
}
