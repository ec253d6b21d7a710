/* statemap.c — precise guest state at faulting host instructions: the
 * backend's side (what it records while it emits a block) and the runtime's
 * (rebuilding struct cpu from a host fault's registers). Design: docs/jit.md
 * "Precise faults"; the record format: jit/jit.h (struct tb_mark).
 *
 * While a block is emitted, the backend knows for every guest location
 * (struct cpu offset) whether struct cpu holds its newest value: a plain set
 * stores it; a loop home holds it in a host register for the whole block
 * (TBM_HOME); a set opt_state found dead (IR_SET_SHADOW) stores nothing, and
 * from there until the next real set of its bytes the location's value is
 * that temp, wherever the allocator keeps it. At each host range that may
 * fault on guest memory (a load, store, atomic, or a helper call that
 * accesses guest memory) the pending shadows are written down as TBM_LOC
 * records: host register, spill slot, constant, or the struct cpu field a
 * value is read from in place.
 *
 * Invariants:
 *  - a shadow's temp is described only where the allocator knows it: in a
 *    register it owns, its spill slot (never reused within a block), a
 *    constant, or a lazy get's field not yet overwritten. A temp that nobody
 *    reads after the access may be gone (DCE, or its register reused): its
 *    location then keeps struct cpu's older value, which nothing reads again
 *    before overwriting it (opt_state only shadows a set a later set
 *    overwrites without anything observing in between, and every read in
 *    between was forwarded to that temp, which is then live);
 *  - at a helper call site (TBF_CALL) only memory locations count: the
 *    helper's registers are not the block's. opt_state makes such calls
 *    observation points, so there are none pending in practice;
 *  - homes hold the guest value at every faulting point: x86_plan.c never
 *    computes a value into a home across an access that may fault.
 */
#include <stdlib.h>
#include <string.h>

#include "jit/jit.h"
#include "jit/x86_be.h"
#include "runner/cpu.h"

/* ---------------- the backend's side ---------------- */

static struct tb_mark *meta_push(struct be *e)
{
    if (e->nmeta == e->cap_meta) {
        e->cap_meta = e->cap_meta ? e->cap_meta * 2 : 32;
        e->meta = realloc(e->meta, sizeof(*e->meta) * (size_t)e->cap_meta);
        if (!e->meta)
            abort();
    }
    struct tb_mark *m = &e->meta[e->nmeta++];
    memset(m, 0, sizeof(*m));
    m->host_off = TBM_META;
    return m;
}

static int set_size(int ty) { return (ty == IR_I32 || ty == IR_F32) ? 4 : 8; }

void be_sm_clobber(struct be *e, int32_t off, int size)
{
    int n = 0;
    for (int i = 0; i < e->nshadow; i++) {
        struct be_shadow *s = &e->shadow[i];
        if (s->off < off + size && s->off + s->size > off)
            continue;
        e->shadow[n++] = *s;
    }
    e->nshadow = n;
}

void be_sm_clobber_all(struct be *e) { e->nshadow = 0; }

void be_sm_shadow(struct be *e, const struct ir_op *op)
{
    int size = set_size(op->type);
    be_sm_clobber(e, (int32_t)op->imm, size);
    if (e->nshadow == e->cap_shadow) {
        e->cap_shadow = e->cap_shadow ? e->cap_shadow * 2 : 16;
        e->shadow = realloc(e->shadow, sizeof(*e->shadow) * (size_t)e->cap_shadow);
        if (!e->shadow)
            abort();
    }
    e->shadow[e->nshadow++] = (struct be_shadow){(int32_t)op->imm, (int8_t)size, op->arg[0]};
}

/* where temp t is now, for the access being emitted (op e->cur) */
static bool temp_loc(struct be *e, ir_ref t, bool call, uint8_t *loc, uint64_t *val)
{
    if (!t || t >= (ir_ref)e->b->ntemps || e->amode[t].on)
        return false;
    if (be_is_const(e, t)) {
        *loc = TBL_CONST;
        *val = (uint64_t)be_const(e, t);
        return true;
    }
    bool x = be_is_xmm_temp(e, t);
    int r = e->reg[t];
    if (r < 0 && !call) {
        /* released by this op: its register still holds it unless something
         * took it since, other than a load's destination (the load itself
         * is what faults, so it has not written it) */
        for (int i = 0; i < e->nrel; i++) {
            if (e->rel_t[i] != t)
                continue;
            int rr = e->rel_r[i];
            ir_ref owner = x ? e->xmm_owner[rr] : e->gpr_owner[rr];
            struct ir_op *op = &e->b->ops[e->cur];
            if (!owner || (op->opc == IR_ld && owner == op->dst))
                r = rr;
        }
    }
    if (r >= 0 && !call) {
        *loc = x ? TBL_XMM : TBL_GPR;
        *val = (uint64_t)r;
        return true;
    }
    if (e->slot[t] >= 0 && e->in_slot[t]) {
        *loc = TBL_SLOT;
        *val = (uint64_t)(BE_SLOT0 + 8 * e->slot[t]);
        return true;
    }
    if (e->lazy[t] >= 0 && e->last_use[t] >= e->cur) {
        const struct ir_op *g = &e->b->ops[e->lazy[t]];
        *loc = TBL_CPU;
        *val = (uint64_t)g->imm | (g->type == IR_I32 ? 1ull << 63 : 0);
        return true;
    }
    return false;
}

void be_sm_fault_begin(struct be *e, int flags)
{
    bool call = (flags & TBF_CALL) != 0;
    int rec = e->nmeta;
    struct tb_mark *f = meta_push(e);
    f->kind = TBM_FAULT;
    f->loc = (uint8_t)flags;
    f->val = (uint64_t)(e->xb->p - e->xb->start);
    int n = 0;
    for (int i = 0; i < e->nshadow && n < 252; i++) {
        ir_ref t = e->shadow[i].t;
        uint8_t loc, ploc[2];
        uint64_t val, pval[2];
        int parts = 0;
        if (t && t < (ir_ref)e->b->ntemps && e->amode[t].on) {
            /* a folded address: from its base and index */
            const struct be_amode *am = &e->amode[t];
            if (!temp_loc(e, am->base, call, &ploc[0], &pval[0]) ||
                (am->index && !temp_loc(e, am->index, call, &ploc[1], &pval[1])))
                continue;
            parts = am->index ? 2 : 1;
            loc = TBL_ADDR;
            val = (uint32_t)am->disp | (uint64_t)am->shift << 32 | (uint64_t)parts << 40;
        } else if (!temp_loc(e, t, call, &loc, &val)) {
            continue;
        }
        struct tb_mark *m = meta_push(e);
        m->host_off = TBM_META | (uint32_t)e->shadow[i].off;
        m->kind = TBM_LOC;
        m->loc = loc;
        m->size = (uint8_t)e->shadow[i].size;
        m->val = val;
        n++;
        for (int k = 0; k < parts; k++) {
            struct tb_mark *pm = meta_push(e);
            pm->kind = TBM_PART;
            pm->loc = ploc[k];
            pm->size = 8;
            pm->val = pval[k];
            n++;
        }
    }
    e->meta[rec].n = (uint8_t)n;
    e->fault_rec = rec;
}

void be_sm_fault_end(struct be *e)
{
    if (e->fault_rec < 0)
        return;
    e->meta[e->fault_rec].val |= (uint64_t)(e->xb->p - e->xb->start) << 32;
    e->fault_rec = -1;
}

void be_sm_call_begin(struct be *e, const struct ir_op *op)
{
    if (!(op->cond & IR_CALL_MAY_EXIT))
        return;
    /* a fault in the helper finds the cpu through the block's frame */
    emit_mov_m_r(e->xb, true, RM_M(RSP, BE_CPUSAVE), CPU_REG);
    be_sm_fault_begin(e, TBF_CALL);
}

void be_sm_call_end(struct be *e, const struct ir_op *op)
{
    if (op->cond & IR_CALL_MAY_EXIT)
        be_sm_fault_end(e);
    if (op->cond & IR_CALL_RW_STATE)
        be_sm_clobber_all(e);
    else if (op->cond & IR_CALL_RW_VEC)
        be_sm_clobber(e, CPU_VEC_LO, CPU_VEC_HI - CPU_VEC_LO);
}

void be_sm_block(struct be *e, const int32_t *fslot_offs)
{
    struct tb_mark *x = meta_push(e);
    x->kind = TBM_EXIT;
    x->val = (uint64_t)(uintptr_t)e->epilogue;
    for (int g = 0; g < 32; g++)
        if (e->home[g] >= 0) {
            struct tb_mark *m = meta_push(e);
            m->host_off = TBM_META | (uint32_t)CPU_GPR(g);
            m->kind = TBM_HOME;
            m->loc = TBL_GPR;
            m->size = 8;
            m->val = (uint64_t)e->home[g];
        }
    for (int i = 0; i < BE_NFSLOTS; i++)
        if (e->fhome[i] >= 0) {
            struct tb_mark *m = meta_push(e);
            m->host_off = TBM_META | (uint32_t)fslot_offs[i];
            m->kind = TBM_HOME;
            m->loc = TBL_XMM;
            m->size = 8;
            m->val = (uint64_t)e->fhome[i];
        }
}

/* the insn marks, then the state map */
void be_sm_finish(struct be *e, struct tb_mark **marks, uint32_t *nmarks)
{
    size_t n = (size_t)e->nmarks + (size_t)e->nmeta;
    struct tb_mark *all = malloc(sizeof(*all) * (n ? n : 1));
    if (!all)
        abort();
    if (e->nmarks)
        memcpy(all, e->marks, sizeof(*all) * (size_t)e->nmarks);
    if (e->nmeta)
        memcpy(all + e->nmarks, e->meta, sizeof(*all) * (size_t)e->nmeta);
    free(e->marks);
    free(e->meta);
    free(e->shadow);
    e->marks = NULL;
    e->meta = NULL;
    e->shadow = NULL;
    *marks = all;
    *nmarks = (uint32_t)n;
}

/* ---------------- the runtime's side ---------------- */

static uint32_t range_lo(const struct tb_mark *m) { return (uint32_t)m->val; }
static uint32_t range_hi(const struct tb_mark *m) { return (uint32_t)(m->val >> 32); }

static uint64_t pc_at(const struct tb *tb, uint32_t off)
{
    uint64_t pc = tb->pc;
    for (uint32_t i = 0; i < tb->nmarks && tb->marks[i].host_off <= off; i++)
        pc = tb->marks[i].guest_pc;
    return pc;
}

int jit_fault_site(const struct tb *tb, uintptr_t host_pc, bool call_ret, struct jit_fault_site *s)
{
    uintptr_t code = (uintptr_t)tb->code;
    if (host_pc < code || host_pc > code + tb->code_size)
        return -1;
    uint32_t off = (uint32_t)(host_pc - code);
    for (uint32_t i = 0; i < tb->nmarks; i++) {
        const struct tb_mark *m = &tb->marks[i];
        if (m->kind != TBM_FAULT || !(m->host_off & TBM_META))
            continue;
        bool hit = call_ret ? ((m->loc & TBF_CALL) && off == range_hi(m))
                            : (!(m->loc & TBF_CALL) && off >= range_lo(m) && off < range_hi(m));
        if (!hit)
            continue;
        s->tb = tb;
        s->rec = (int)i;
        s->guest_pc = pc_at(tb, range_lo(m));
        s->call = call_ret;
        return 0;
    }
    return -1;
}

uintptr_t jit_fault_exit_path(const struct tb *tb)
{
    for (uint32_t i = 0; i < tb->nmarks; i++)
        if (tb->marks[i].kind == TBM_EXIT && (tb->marks[i].host_off & TBM_META))
            return (uintptr_t)tb->marks[i].val;
    return 0;
}

static uint64_t loc_value(const struct cpu *cpu, const struct tb_mark *m,
                          const struct jit_fault_regs *r)
{
    uint64_t v = 0;
    switch (m->loc) {
    case TBL_GPR:
        v = r->gpr[m->val & 15];
        break;
    case TBL_XMM:
        memcpy(&v, r->xmm[m->val & 15], 8);
        break;
    case TBL_SLOT:
        memcpy(&v, (const void *)(r->block_rsp + (uintptr_t)m->val), 8);
        break;
    case TBL_CONST:
        v = m->val;
        break;
    case TBL_CPU: {
        uint32_t from = (uint32_t)m->val;
        if (m->val >> 63) {
            uint32_t w;
            memcpy(&w, (const uint8_t *)cpu + from, 4);
            v = w;
        } else {
            memcpy(&v, (const uint8_t *)cpu + from, 8);
        }
        break;
    }
    default:
        break;
    }
    return v;
}

/* record m (a TBM_LOC, its parts after it) into struct cpu; returns the
 * number of records used */
static uint32_t put_loc(struct cpu *cpu, const struct tb_mark *m, uint32_t avail,
                        const struct jit_fault_regs *r)
{
    uint32_t off = m->host_off & ~TBM_META;
    uint64_t v;
    uint32_t used = 1;
    if (m->loc == TBL_ADDR) {
        uint32_t parts = (uint32_t)(m->val >> 40) & 3;
        if (parts < 1 || parts > 2 || avail < 1 + parts)
            return avail;
        v = (uint64_t)(int64_t)(int32_t)(uint32_t)m->val + loc_value(cpu, m + 1, r);
        if (parts == 2)
            v += loc_value(cpu, m + 2, r) << ((m->val >> 32) & 3);
        used += parts;
    } else {
        v = loc_value(cpu, m, r);
    }
    if (off + m->size <= sizeof(struct cpu))
        memcpy((uint8_t *)cpu + off, &v, m->size);
    return used;
}

void jit_fault_restore(const struct jit_fault_site *s, struct cpu *cpu,
                       const struct jit_fault_regs *r)
{
    const struct tb *tb = s->tb;
    /* homes first (not at a call: a block with calls has none), then what
     * this point records, which overrides them */
    for (uint32_t i = 0; i < tb->nmarks && !s->call; i++)
        if (tb->marks[i].kind == TBM_HOME && (tb->marks[i].host_off & TBM_META))
            put_loc(cpu, &tb->marks[i], 1, r);
    const struct tb_mark *f = &tb->marks[s->rec];
    uint32_t end = (uint32_t)s->rec + 1 + f->n;
    if (end > tb->nmarks)
        end = tb->nmarks;
    for (uint32_t k = (uint32_t)s->rec + 1; k < end;)
        k += put_loc(cpu, &tb->marks[k], end - k, r);
    cpu->pc = s->guest_pc;
}

/* ---------------- liveness for the map (before be_compute_uses) ---------------- */

static bool may_fault(const struct ir_op *op)
{
    return (ir_opdefs[op->opc].flags & OPF_FAULT) ||
           (op->opc == IR_call && (op->cond & IR_CALL_MAY_EXIT));
}

static bool reads_temp(const struct ir_op *op, ir_ref t)
{
    if (op->opc == IR_set && (op->cond & IR_SET_SHADOW))
        return false;
    int nargs = op->opc == IR_call ? op->aux : ir_opdefs[op->opc].nargs;
    for (int a = 0; a < nargs; a++)
        if (op->arg[a] == t)
            return true;
    return false;
}

/* The same walk as the emitter's over the shadows; at each faulting op, a
 * pending shadow's temp that an earlier op of the same insn read (the insn
 * read the guest location: a handler that returns re-executes the insn,
 * which reads it again from struct cpu) becomes an extra read of the
 * faulting op, so it is still in a register or slot there. */
void be_plan_fault_uses(struct be *e)
{
    struct ir_block *b = e->b;
    e->xr_start = calloc((size_t)b->nops + 1, sizeof(int32_t));
    int cap = 0, n = 0, start = 0;
    if (!e->xr_start)
        abort();
    e->nshadow = 0;
    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        e->xr_start[i] = n;
        if (op->opc >= IR_NUM_OPS)
            continue;
        if (op->opc == IR_insn_start) {
            start = i;
        } else if (op->opc == IR_set) {
            if (op->cond & IR_SET_SHADOW)
                be_sm_shadow(e, op);
            else
                be_sm_clobber(e, (int32_t)op->imm, set_size(op->type));
        } else if (may_fault(op)) {
            int added = 0;
            for (int s = 0; s < e->nshadow; s++) {
                ir_ref t = e->shadow[s].t;
                if (!t || be_is_const(e, t) || reads_temp(op, t))
                    continue;
                bool read = false;
                for (int k = start; k < i && !read; k++)
                    read = b->ops[k].opc < IR_NUM_OPS && reads_temp(&b->ops[k], t);
                /* a folded address lives on as its base and index */
                ir_ref need[2] = {t, 0};
                if (e->amode[t].on) {
                    need[0] = e->amode[t].base;
                    need[1] = e->amode[t].index;
                }
                for (int q = 0; q < 2 && read; q++) {
                    ir_ref u = need[q];
                    bool dup = !u || be_is_const(e, u) || reads_temp(op, u);
                    for (int k = e->xr_start[i]; k < n && !dup; k++)
                        dup = e->xr[k] == u;
                    if (dup || added >= BE_MAX_READS - 4)
                        continue;
                    if (n == cap) {
                        cap = cap ? cap * 2 : 16;
                        e->xr = realloc(e->xr, sizeof(*e->xr) * (size_t)cap);
                        if (!e->xr)
                            abort();
                    }
                    e->xr[n++] = u;
                    added++;
                }
            }
        }
        if (op->opc == IR_call && (op->cond & IR_CALL_RW_STATE))
            be_sm_clobber_all(e);
        else if (op->opc == IR_call && (op->cond & IR_CALL_RW_VEC))
            be_sm_clobber(e, CPU_VEC_LO, CPU_VEC_HI - CPU_VEC_LO);
    }
    e->xr_start[b->nops] = n;
    e->nshadow = 0;
}
