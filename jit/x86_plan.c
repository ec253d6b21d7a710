/* x86_plan.c — the x86 backend's passes over a block before code is emitted
 * (called by x86_gen_block in this order):
 *  - be_plan_amodes: address arithmetic whose every use is a ld/st address is
 *    folded into the accesses ([base + index*scale + disp]); the folded ops
 *    emit nothing (e->folded) and their operands count as read by the
 *    accesses (be_op_reads); an add of a register and a shifted register
 *    whose value is needed as such becomes one lea, the shl folded in;
 *  - be_compute_uses: what each op reads (once: the allocator releases from
 *    that list), and per temp its uses (for spill choice) and last use;
 *  - (plan_homes in x86_backend.c: loop homes)
 *  - be_plan_temps: which values are computed straight into a loop home, and
 *    which guest-register reads stay in struct cpu until used (e->lazy).
 * Invariants kept: a folded temp is never given a register; a lazy temp's cpu
 * field is not written (no set, no call) between its get and its last use; a
 * home target is only set where nothing between the definition and the set
 * of the home can observe the guest register (no exit, call, access that may
 * fault, get or set of it), so homes hold the guest values at every exit and
 * every faulting point (jit/statemap.c).
 */
#include "jit/x86_be.h"

#include <string.h>

#include "runner/cpu.h"

/* the temps op i reads; a folded address counts as its base and index */
int be_op_reads(struct be *e, int i, ir_ref out[BE_MAX_READS])
{
    struct ir_op *op = &e->b->ops[i];
    if (op->opc == IR_set && (op->cond & IR_SET_SHADOW))
        return 0; /* only names a value for the fault map */
    if (op->opc == IR_add && op->dst && e->amode[op->dst].lea) { /* the shl is in it */
        out[0] = e->amode[op->dst].base;
        out[1] = e->amode[op->dst].index;
        return 2;
    }
    int n = be_op_reads_ir(e, i, out);
    /* a faulting access keeps alive what its insn read before it from
     * locations struct cpu does not hold yet (statemap.c) */
    for (int k = e->xr_start ? e->xr_start[i] : 0; e->xr_start && k < e->xr_start[i + 1]; k++)
        if (n < BE_MAX_READS)
            out[n++] = e->xr[k];
    return n;
}

/* the reads of op i as the IR has them (a folded address: base and index) */
int be_op_reads_ir(struct be *e, int i, ir_ref out[BE_MAX_READS])
{
    struct ir_op *op = &e->b->ops[i];
    int nargs = op->opc == IR_call ? op->aux : ir_opdefs[op->opc].nargs;
    int n = 0;
    for (int a = 0; a < nargs; a++) {
        ir_ref t = op->arg[a];
        if (!t)
            continue;
        if (a == 0 && e->amode[t].on) {
            out[n++] = e->amode[t].base;
            if (e->amode[t].index)
                out[n++] = e->amode[t].index;
        } else {
            out[n++] = t;
        }
    }
    return n;
}

/* gprs and NZCV: what the frontends get and set, and nothing else writes
 * behind the IR's back (no FP op or slow path touches them) */
static bool plain_guest_off(int64_t off, int size)
{
    if (off >= CPU_GPR(0) && off + size <= CPU_GPR(0) + 32 * 8)
        return true;
    return off >= CPU_OFF(nf) && off + size <= CPU_OFF(vf) + 8;
}

#define PLAN_WINDOW 256 /* ops scanned per temp: bounds the cost of huge blocks */

/* Per temp, after plan_homes: a value whose next fate is `set` of a loop home
 * is computed in that home when nothing between its definition and the set
 * could look at the guest register (home_target); a get of a gpr or flag
 * whose field no set or call changes before the temp's last use is read at
 * its uses (lazy). */
void be_plan_temps(struct be *e)
{
    struct ir_block *b = e->b;
    int nt = b->ntemps;
    memset(e->home_target, -1, (size_t)nt);
    for (int t = 0; t < nt; t++)
        e->lazy[t] = -1;
    const int32_t *def = e->def;
    for (int j = 0; j < b->nops && e->loop_head; j++) {
        struct ir_op *op = &b->ops[j];
        int h;
        if (op->opc != IR_set || (op->cond & IR_SET_SHADOW) || (h = be_home_of(e, op)) < 0)
            continue;
        ir_ref v = op->arg[0];
        if (be_is_const(e, v) || be_is_xmm_temp(e, v) || e->home_target[v] >= 0 || def[v] < 0 ||
            j - def[v] > PLAN_WINDOW)
            continue;
        struct ir_op *d = &b->ops[def[v]];
        if (d->opc == IR_get || d->opc == IR_call || (ir_opdefs[d->opc].flags & OPF_FLT))
            continue;
        int32_t lo = CPU_GPR(h);
        bool ok = true;
        for (int k = def[v] + 1; k < j && ok; k++) {
            struct ir_op *o = &b->ops[k];
            if (o->opc >= IR_NUM_OPS)
                continue;
            /* an access that may fault sees the home as the guest register */
            if (ir_opdefs[o->opc].flags & (OPF_EXIT | OPF_TERM | OPF_CALL | OPF_FAULT))
                ok = false;
            else if ((o->opc == IR_get || o->opc == IR_set) && o->imm < lo + 8 && o->imm + 8 > lo)
                ok = false;
        }
        if (ok)
            e->home_target[v] = e->home[h];
    }
    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc != IR_get || (op->type != IR_I64 && op->type != IR_I32) || !op->dst ||
            !plain_guest_off(op->imm, op->type == IR_I64 ? 8 : 4) || be_home_of(e, op) >= 0 ||
            e->last_use[op->dst] < 0 || e->last_use[op->dst] - i > PLAN_WINDOW)
            continue;
        bool ok = true;
        for (int k = i + 1; k < e->last_use[op->dst] && ok; k++) {
            struct ir_op *o = &b->ops[k];
            if (o->opc >= IR_NUM_OPS)
                continue;
            if (o->opc == IR_call)
                ok = false;
            else if (o->opc == IR_set && o->imm < op->imm + 8 && o->imm + 8 > op->imm)
                ok = false;
        }
        if (ok)
            e->lazy[op->dst] = i;
    }
}

/* An I64 add of a register and a register shifted by 1..3 (that shl used
 * only here) whose value is needed as such: one lea, the shl folded in. */
static void plan_lea(struct be *e, int i, const int32_t *nuse, const int32_t *def)
{
    struct ir_block *b = e->b;
    struct ir_op *op = &b->ops[i];
    for (int k = 0; k < 2; k++) {
        ir_ref base = op->arg[k], y = op->arg[1 - k];
        if (be_is_const(e, base) || be_is_const(e, y) || be_is_xmm_temp(e, base) || def[y] < 0 ||
            nuse[y] != 1 || base == y)
            continue;
        struct ir_op *s = &b->ops[def[y]];
        if (s->opc != IR_shl || s->type != IR_I64 || !be_is_const(e, s->arg[1]) ||
            be_const(e, s->arg[1]) < 1 || be_const(e, s->arg[1]) > 3 || be_is_const(e, s->arg[0]))
            continue;
        e->amode[op->dst] = (struct be_amode){base, s->arg[0], (uint8_t)be_const(e, s->arg[1]),
                                              false, 0, true};
        e->folded[def[y]] = 1;
        return;
    }
}

/* Fold address arithmetic into the accesses that use it: an I64 add of a
 * base and a constant or an index (optionally shl'd by 1..3 when that shl
 * feeds only this add) whose every use is the address of a ld or st. */
void be_plan_amodes(struct be *e)
{
    struct ir_block *b = e->b;
    int nt = b->ntemps;
    int32_t *nuse = e->use_start, *naddr = e->use_idx; /* borrowed */
    int32_t *def = e->def = ir_scratch(b, sizeof(int32_t) * (size_t)nt);
    /* the largest |displacement| of any access: below 2^30, every disp
     * that fits an imm32 by half still fits with it */
    int64_t maxdisp = 0;
    for (int t = 0; t < nt; t++)
        nuse[t] = naddr[t] = 0, def[t] = -1;
    e->last_back = -1;
    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        /* a shadow's value may be a folded address: the fault map then
         * computes it from base and index (statemap.c) */
        int nargs = op->opc == IR_call ? op->aux : ir_opdefs[op->opc].nargs;
        if (op->opc == IR_set && (op->cond & IR_SET_SHADOW)) {
            nargs = 0;
            e->any_shadow = true;
        }
        bool mem = op->opc == IR_ld || op->opc == IR_st;
        for (int a = 0; a < nargs; a++)
            if (op->arg[a]) {
                nuse[op->arg[a]]++;
                naddr[op->arg[a]] += a == 0 && mem;
            }
        if (mem && (op->imm > maxdisp || -op->imm > maxdisp))
            maxdisp = op->imm < 0 ? -op->imm : op->imm;
        if (ir_opdefs[op->opc].has_dst && op->dst)
            def[op->dst] = i;
        else if ((op->opc == IR_exit_cond || op->opc == IR_goto_pc) &&
                 (uint64_t)op->imm == b->guest_pc)
            e->last_back = i;
    }
    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc != IR_add || op->type != IR_I64 || !op->dst || nuse[op->dst] == 0)
            continue;
        if (naddr[op->dst] != nuse[op->dst]) {
            plan_lea(e, i, nuse, def);
            continue;
        }
        ir_ref x = op->arg[0], y = op->arg[1];
        if (be_is_const(e, x)) {
            ir_ref t = x;
            x = y;
            y = t;
        }
        if (be_is_const(e, x) || be_is_xmm_temp(e, x))
            continue;
        struct be_amode am = {x, 0, 0, true, 0, false};
        int shl_op = -1;
        if (be_is_const(e, y)) {
            if (!fits_i32(be_const(e, y)))
                continue;
            am.disp = (int32_t)be_const(e, y);
        } else {
            /* the shifted operand becomes the index */
            int dy = def[y], dx = def[x];
            if (!(dy >= 0 && b->ops[dy].opc == IR_shl) && dx >= 0 && b->ops[dx].opc == IR_shl) {
                ir_ref t = x;
                x = y;
                y = t;
                dy = dx;
            }
            am.base = x;
            am.index = y;
            struct ir_op *s = dy >= 0 ? &b->ops[dy] : NULL;
            if (s && s->opc == IR_shl && s->type == IR_I64 && nuse[y] == 1 &&
                be_is_const(e, s->arg[1]) && be_const(e, s->arg[1]) >= 1 &&
                be_const(e, s->arg[1]) <= 3 && !be_is_const(e, s->arg[0])) {
                am.index = s->arg[0];
                am.shift = (uint8_t)be_const(e, s->arg[1]);
                shl_op = dy;
            }
        }
        /* every access's displacement must still fit */
        bool fits = true;
        bool near = maxdisp < (1 << 30) && am.disp < (1 << 30) && am.disp > -(1 << 30);
        for (int k = i + 1; k < b->nops && fits && !near; k++) {
            struct ir_op *o = &b->ops[k];
            if ((o->opc == IR_ld || o->opc == IR_st) && o->arg[0] == op->dst)
                fits = fits_i32((int64_t)am.disp + o->imm);
        }
        if (!fits)
            continue;
        e->amode[op->dst] = am;
        e->folded[i] = 1;
        if (shl_op >= 0)
            e->folded[shl_op] = 1;
    }
}

void be_compute_uses(struct be *e)
{
    struct ir_block *b = e->b;
    int nt = b->ntemps, nops = b->nops;
    /* an op reads at most its 4 arguments, one of them an address of two
     * temps, plus its extra reads */
    size_t cap = 5 * (size_t)nops + (e->xr_start ? (size_t)e->xr_start[nops] : 0) + BE_MAX_READS;
    e->rd_start = ir_scratch(b, sizeof(int32_t) * ((size_t)nops + 1));
    e->rd = ir_scratch(b, sizeof(ir_ref) * cap);
    memset(e->use_start, 0, sizeof(int32_t) * (nt + 1));
    for (int t = 0; t < nt; t++)
        e->last_use[t] = -1;
    int n = 0;
    for (int i = 0; i < nops; i++) {
        e->rd_start[i] = n;
        if (b->ops[i].opc >= IR_NUM_OPS || e->folded[i])
            continue;
        int k = be_op_reads(e, i, e->rd + n);
        for (int a = n; a < n + k; a++) {
            e->use_start[e->rd[a] + 1]++;
            e->last_use[e->rd[a]] = i;
        }
        n += k;
    }
    e->rd_start[nops] = n;
    e->uses = ir_scratch(b, sizeof(int32_t) * ((size_t)n + 1));
    for (int t = 0; t < nt; t++)
        e->use_start[t + 1] += e->use_start[t];
    for (int t = 0; t < nt; t++)
        e->use_idx[t] = e->use_start[t];
    for (int i = 0; i < nops; i++)
        for (int a = e->rd_start[i]; a < e->rd_start[i + 1]; a++)
            e->uses[e->use_idx[e->rd[a]]++] = i;
    for (int t = 0; t < nt; t++)
        e->use_idx[t] = e->use_start[t];
}
