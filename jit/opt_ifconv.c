/* opt_ifconv.c — if-conversion of short forward skips inside a block.
 *
 * Compilers branch over one or two instructions all the time
 * (`bne a5,a0,1f; xor a2,a2,a1; 1:`). In a superblock that becomes a side exit
 * whose target is an instruction translated later in the same block, so the
 * hot path leaves the block. When everything skipped is pure (integer ops and
 * guest-state sets; no memory, calls, exits or FP ops that raise flags), the
 * skipped code can run unconditionally and each of its sets keeps the old
 * value when the branch is taken:
 *
 *     exit_cond a, b [cc] -> T        old = get R
 *     ...pure ops...              =>   ...pure ops...
 *     set R, v                        set R, select(a cc b ? old : v)
 *     insn_start T                    insn_start T
 *
 * Runs before opt_state so the inserted gets are forwarded like any other.
 */
#include <stdlib.h>
#include <string.h>

#include "jit/ir.h"

#define MAX_SKIP_OPS 24

static bool skippable(const struct ir_op *op)
{
    if (op->opc >= IR_NUM_OPS || op->opc == IR_insn_start || op->opc == IR_set)
        return true;
    if (op->opc == IR_get)
        return true;
    unsigned fl = ir_opdefs[op->opc].flags;
    return !(fl & (OPF_SIDE | OPF_FAULT | OPF_TERM | OPF_EXIT | OPF_CALL | OPF_FLT)) &&
           op->opc != IR_unbox32;
}

/* index of the insn_start for pc after op i within the window, or -1 */
static int find_target(const struct ir_block *b, int i, uint64_t pc)
{
    for (int j = i + 1; j < b->nops && j <= i + MAX_SKIP_OPS; j++) {
        const struct ir_op *op = &b->ops[j];
        if (op->opc == IR_insn_start && (uint64_t)op->imm == pc)
            return j;
        if (!skippable(op))
            return -1;
    }
    return -1;
}

void opt_ifconv(struct ir_block *b)
{
    for (int i = 0; i < b->nops; i++) {
        struct ir_op *ex = &b->ops[i];
        if (ex->opc != IR_exit_cond || (uint64_t)ex->imm <= b->guest_pc)
            continue;
        int j = find_target(b, i, (uint64_t)ex->imm);
        if (j < 0)
            continue;
        int nsets = 0;
        for (int k = i + 1; k < j; k++)
            nsets += b->ops[k].opc == IR_set;
        /* rebuild: ops[0..i) + one get per set + ops(i..j) with selects + ops[j..] */
        int extra = 2 * nsets;
        int cap = b->nops + extra + 1;
        struct ir_op *nops = malloc(sizeof(*nops) * (size_t)cap);
        if (!nops)
            return;
        struct ir_op exc = *ex;
        int n = 0;
        memcpy(nops, b->ops, sizeof(*nops) * (size_t)i);
        n = i;
        /* the old values, read at the branch point */
        ir_ref olds[MAX_SKIP_OPS];
        int ns = 0;
        for (int k = i + 1; k < j; k++) {
            struct ir_op *op = &b->ops[k];
            if (op->opc != IR_set)
                continue;
            struct ir_op *g = &nops[n++];
            memset(g, 0, sizeof(*g));
            g->opc = IR_get;
            g->type = op->type;
            g->imm = op->imm;
            g->dst = ir_new_temp(b, op->type == IR_F32 ? IRK_F32 : op->type == IR_F64 ? IRK_F64
                                                                                    : IRK_INT);
            olds[ns++] = g->dst;
        }
        ns = 0;
        for (int k = i + 1; k < j; k++) {
            struct ir_op op = b->ops[k];
            if (op.opc == IR_set && op.type != IR_F32 && op.type != IR_F64) {
                struct ir_op *s = &nops[n++];
                memset(s, 0, sizeof(*s));
                s->opc = IR_select;
                s->type = exc.type;
                s->cond = exc.cond;
                s->arg[0] = exc.arg[0];
                s->arg[1] = exc.arg[1];
                s->arg[2] = olds[ns];
                s->arg[3] = op.arg[0];
                s->dst = ir_new_temp(b, IRK_INT);
                op.arg[0] = s->dst;
                /* a select of I32 compares would truncate: select moves whole
                 * values, its type only names the compare width (x86_backend) */
            } else if (op.opc == IR_set) {
                free(nops);
                goto next; /* float state: leave the branch alone */
            }
            ns += op.opc == IR_set;
            nops[n++] = op;
        }
        memcpy(nops + n, b->ops + j, sizeof(*nops) * (size_t)(b->nops - j));
        n += b->nops - j;
        free(b->ops);
        b->ops = nops;
        b->nops = n;
        b->cap_ops = cap;
        i = j + extra - 1;
    next:;
    }
}
