/* opt_dce.c — dead-code elimination.
 *
 * One backward walk: an op without side effects (no OPF_SIDE, or a call marked
 * IR_CALL_PURE) whose result no later op reads is turned into a nop
 * (opc = IR_NUM_OPS); opt_dce_compact (ir_optimize's) removes the nops in
 * the same walk. Loads keep OPF_SIDE because they may fault. A shadow set
 * (IR_SET_SHADOW) stays but does not make its value live: a fault map entry
 * for a value nobody computes is simply left out.
 */
#include <stdlib.h>
#include <string.h>

#include "jit/ir.h"

/* compact: also drop the nops, the survivors gathered at the end while
 * walking back (slot w is never below i) and moved down once */
static void dce(struct ir_block *b, bool compact)
{
    struct ir_mark m = ir_scratch_mark(b);
    uint8_t *live = ir_scratch_zero(b, (size_t)b->ntemps);
    int w = b->nops;
    for (int i = b->nops - 1; i >= 0; i--) {
        struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        const struct ir_opdef *d = &ir_opdefs[op->opc];
        bool side = (d->flags & OPF_SIDE) &&
                    !(op->opc == IR_call && (op->cond & IR_CALL_PURE));
        if (!side && (!d->has_dst || !live[op->dst])) {
            op->opc = IR_NUM_OPS;
            continue;
        }
        if (compact && --w != i)
            b->ops[w] = *op;
        if (op->opc == IR_set && (op->cond & IR_SET_SHADOW))
            continue; /* names a value for the fault map, keeps none alive */
        int nargs = op->opc == IR_call ? op->aux : d->nargs;
        for (int a = 0; a < nargs; a++)
            live[op->arg[a]] = 1;
    }
    if (compact && w > 0) {
        memmove(b->ops, b->ops + w, sizeof(*b->ops) * (size_t)(b->nops - w));
        b->nops -= w;
    }
    ir_scratch_release(b, m);
}

void opt_dce(struct ir_block *b) { dce(b, false); }
void opt_dce_compact(struct ir_block *b) { dce(b, true); }
